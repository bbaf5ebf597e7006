import { Client } from 'pg';

/**
 * The probes' own PostgreSQL connection. Readiness asks "does PostgreSQL answer?", not "is a
 * pool connection free?": under a burst every pooled connection is busy for a while, and a probe
 * queued behind them failed, so the balancer took every api out of rotation at the peak (seen in
 * bench:national). One connection per process, opened on first use; a failure or a time-out
 * drops it and the next probe opens a new one.
 */
export class PgProbe {
  private client: Promise<Client> | undefined;

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
  ) {}

  async query<R>(sql: string, timeoutMs: number): Promise<R[]> {
    let timer: NodeJS.Timeout | undefined;
    const attempt = (async () => {
      const c = await this.connection(timeoutMs);
      return (await c.query(sql)).rows as R[];
    })();
    try {
      return await Promise.race([
        attempt,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (e) {
      attempt.catch(() => undefined);
      this.drop();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private connection(timeoutMs: number): Promise<Client> {
    this.client ??= (async () => {
      const c = new Client({
        connectionString: this.url,
        application_name: this.applicationName,
        connectionTimeoutMillis: timeoutMs,
        statement_timeout: timeoutMs,
      });
      c.on('error', () => this.drop());
      await c.connect();
      return c;
    })();
    return this.client;
  }

  private drop(): void {
    const c = this.client;
    this.client = undefined;
    void c?.then((x) => x.end()).catch(() => undefined);
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.then((x) => x.end()).catch(() => undefined);
  }
}

/** The probe connection of an app, to the database its DataSource uses. */
export function pgProbeOf(ds: { options: object }, app: string): PgProbe {
  const url = (ds.options as { url?: string }).url;
  if (!url) throw new Error('the DataSource has no url: the probe cannot open its own connection');
  return new PgProbe(url, `qatys-${app}-probe`);
}
