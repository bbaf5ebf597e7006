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

  /**
   * Runs `work` with this process's VideoRoom handle on the node. One Janus session and handle
   * are kept and reused while used at least every REUSE_MS (Janus forgets a session idle for its
   * session_timeout, 60 s): a grant is then one HTTP request instead of four (create, attach,
   * message, destroy). A node that restarted forgot them: they are made again, and the work
   * retried once.
   */
  async withVideoRoom<T>(work: (request: (body: Json) => Promise<Json>) => Promise<T>): Promise<T> {
    try {
      return await this.withHandle(work);
    } catch (e) {
      if (!(e instanceof JanusError && (e.code === JANUS_NO_SUCH_SESSION || e.code === JANUS_NO_SUCH_HANDLE)))
        throw e;
      this.admin = undefined;
      return this.withHandle(work);
    }
  }

  private async withHandle<T>(work: (request: (body: Json) => Promise<Json>) => Promise<T>): Promise<T> {
    const { session, handle } = await this.handle();
    return work(async (body) => {
      this.lastUsed = Date.now();
      const answer = await this.post(`/${session}/${handle}`, { janus: 'message', body });
      const data = (answer.plugindata as { data?: Json } | undefined)?.data ?? {};
      if (data.videoroom === 'event' && data.error_code) {
        throw new JanusError(String(data.error ?? 'VideoRoom error'), Number(data.error_code));
      }
      return data;
    });
  }

  private admin?: Promise<{ session: number; handle: number }>;
  private lastUsed = 0;

  private handle(): Promise<{ session: number; handle: number }> {
    if (this.admin && Date.now() - this.lastUsed < REUSE_MS) return this.admin;
    const stale = this.admin;
    this.lastUsed = Date.now();
    this.admin = (async () => {
      const session = ((await this.post('', { janus: 'create' })).data as { id: number }).id;
      const handle = (
        (await this.post(`/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data as {
          id: number;
        }
      ).id;
      return { session, handle };
    })();
    this.admin.catch(() => (this.admin = undefined));
    void stale?.then((s) => this.post(`/${s.session}`, { janus: 'destroy' })).catch(() => undefined);
    return this.admin;
  }
}

/** A cached session is used again only within this long of its last request (Janus drops it after 60 s idle). */
const REUSE_MS = 25_000;
/** Janus core errors: the session or handle is unknown (the node restarted, or it timed out). */
const JANUS_NO_SUCH_SESSION = 458;
const JANUS_NO_SUCH_HANDLE = 459;

/** VideoRoom error codes the provider tells apart. */
export const VIDEOROOM_NO_SUCH_ROOM = 426;
export const VIDEOROOM_ROOM_EXISTS = 427;
