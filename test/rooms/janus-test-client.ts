import { randomBytes } from 'crypto';
import { waitFor } from '../support/wait';

type Json = Record<string, unknown>;

/**
 * A participant's side of Janus's HTTP API, as the browser's code does it, without media: enough
 * to check who may enter a room. Asynchronous answers come from the long poll.
 */
export class JanusParticipant {
  private session = 0;
  private handle = 0;
  private events: Json[] = [];
  private polling = true;

  constructor(private readonly url: string) {}

  private async post(path: string, body: Json): Promise<Json> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, transaction: randomBytes(6).toString('hex') }),
    });
    return (await res.json()) as Json;
  }

  async attach(): Promise<this> {
    this.session = ((await this.post('', { janus: 'create' })).data as { id: number }).id;
    this.handle = (
      (await this.post(`/${this.session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data as {
        id: number;
      }
    ).id;
    void this.poll();
    return this;
  }

  private async poll(): Promise<void> {
    while (this.polling) {
      try {
        const res = await fetch(`${this.url}/${this.session}?maxev=10`, {
          signal: AbortSignal.timeout(35000),
        });
        const got = (await res.json()) as Json | Json[];
        for (const e of Array.isArray(got) ? got : [got]) if (e.janus !== 'keepalive') this.events.push(e);
      } catch {
        if (!this.polling) return;
      }
    }
  }

  /** Sends a VideoRoom request and waits for its answer (synchronous or the event of its transaction). */
  async request(body: Json): Promise<Json> {
    const tx = randomBytes(6).toString('hex');
    const res = await fetch(`${this.url}/${this.session}/${this.handle}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ janus: 'message', body, transaction: tx }),
    });
    const first = (await res.json()) as Json;
    if (first.janus !== 'ack') return ((first.plugindata as Json)?.data as Json) ?? first;
    const e = await waitFor(`Janus answers ${JSON.stringify(body)}`, () =>
      this.events.find((x) => x.transaction === tx && x.janus === 'event'),
    );
    return (e.plugindata as Json).data as Json;
  }

  async close(): Promise<void> {
    this.polling = false;
    await this.post(`/${this.session}`, { janus: 'destroy' }).catch(() => undefined);
  }
}
