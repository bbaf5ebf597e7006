import { randomBytes } from 'node:crypto';

/** A Janus answer that is an error (`janus: "error"` or a plugin `error_code`). */
export class JanusError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'JanusError';
  }
}

/** Janus did not answer (down, unreachable, too slow). */
export class JanusUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JanusUnreachable';
  }
}

type Json = Record<string, unknown>;

/**
 * The server's side of Janus's HTTP API, for the VideoRoom requests that need no media (create,
 * destroy, allowed, list): a session and a handle per call batch, released at once, so nothing
 * depends on keep-alives. Synchronous plugin requests answer in the POST's own response.
 */
export class JanusHttp {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 3000,
  ) {}

  private async post(path: string, body: Json): Promise<Json> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, transaction: randomBytes(8).toString('hex') }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new JanusUnreachable(`Janus at ${this.url} does not answer: ${(e as Error).message}`);
    }
    if (!res.ok) throw new JanusUnreachable(`Janus at ${this.url} answered HTTP ${res.status}`);
    const json = (await res.json()) as Json;
    if (json.janus === 'error') {
      const err = json.error as { code?: number; reason?: string } | undefined;
      throw new JanusError(err?.reason ?? 'Janus error', err?.code ?? null);
    }
    return json;
  }

  async info(): Promise<Json> {
    let res: Response;
    try {
      res = await fetch(`${this.url}/info`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new JanusUnreachable(`Janus at ${this.url} does not answer: ${(e as Error).message}`);
    }
    if (!res.ok) throw new JanusUnreachable(`Janus at ${this.url} answered HTTP ${res.status}`);
    return (await res.json()) as Json;
  }

  /** Runs `work` with a VideoRoom handle, then destroys the session whatever happened. */
  async withVideoRoom<T>(work: (request: (body: Json) => Promise<Json>) => Promise<T>): Promise<T> {
    const session = (await this.post('', { janus: 'create' })).data as { id: number };
    try {
      const handle = (
        (await this.post(`/${session.id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data as {
          id: number;
        }
      ).id;
      return await work(async (body) => {
        const answer = await this.post(`/${session.id}/${handle}`, { janus: 'message', body });
        const data = (answer.plugindata as { data?: Json } | undefined)?.data ?? {};
        if (data.videoroom === 'event' && data.error_code) {
          throw new JanusError(String(data.error ?? 'VideoRoom error'), Number(data.error_code));
        }
        return data;
      });
    } finally {
      await this.post(`/${session.id}`, { janus: 'destroy' }).catch(() => undefined);
    }
  }
}

/** VideoRoom error codes the provider tells apart. */
export const VIDEOROOM_NO_SUCH_ROOM = 426;
export const VIDEOROOM_ROOM_EXISTS = 427;
