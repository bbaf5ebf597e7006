import { randomBytes } from 'crypto';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The receiver's side of Janus's HTTP API (long poll), as the browser's janus-room.ts does it:
 * one session, handles on it, plugin requests answered synchronously or by the event of their
 * transaction.
 */
export class JanusSession {
  private id = 0;
  private alive = true;
  private readonly waiting = new Map<string, (e: Json) => void>();
  readonly events: Json[] = [];

  constructor(private readonly url: string) {}

  private async post(path: string, body: Json): Promise<Json> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Json;
    if (json.janus === 'error') throw new Error(`janus: ${json.error?.reason}`);
    return json;
  }

  async open(): Promise<this> {
    this.id = (await this.post('', { janus: 'create', transaction: tx() })).data.id;
    void this.poll();
    return this;
  }

  private async poll(): Promise<void> {
    while (this.alive) {
      try {
        const res = await fetch(`${this.url}/${this.id}?maxev=10&rid=${Date.now()}`);
        const got = (await res.json()) as Json | Json[];
        for (const e of Array.isArray(got) ? got : [got]) {
          if (e.janus === 'keepalive' || e.janus === 'ack') continue;
          const w = e.transaction && this.waiting.get(e.transaction);
          if (w) {
            this.waiting.delete(e.transaction);
            w(e);
          } else this.events.push(e);
        }
      } catch {
        if (!this.alive) return;
      }
    }
  }

  async attach(): Promise<number> {
    return (
      await this.post(`/${this.id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom', transaction: tx() })
    ).data.id;
  }

  async message(handle: number, body: Json, jsep?: Json): Promise<Json> {
    const t = tx();
    const answer = new Promise<Json>((resolve) => this.waiting.set(t, resolve));
    const first = await this.post(`/${this.id}/${handle}`, {
      janus: 'message',
      body,
      transaction: t,
      ...(jsep ? { jsep } : {}),
    });
    if (first.janus === 'ack') return answer;
    this.waiting.delete(t);
    return first;
  }

  trickleDone(handle: number): void {
    void this.post(`/${this.id}/${handle}`, {
      janus: 'trickle',
      transaction: tx(),
      candidate: { completed: true },
    }).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.alive = false;
    await this.post(`/${this.id}`, { janus: 'destroy', transaction: tx() }).catch(() => undefined);
  }
}

const tx = () => randomBytes(6).toString('hex');

/** The plugin's answer data, or throws its error. */
export function dataOf(e: Json): Json {
  const d = e.plugindata?.data ?? {};
  if (d.error_code) throw new Error(`videoroom ${d.error_code}: ${d.error}`);
  return d;
}
