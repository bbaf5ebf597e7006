import { createServer } from 'http';
import type { AddressInfo } from 'net';
import pinoHttp, { Options as PinoHttpOptions } from 'pino-http';
import { Writable } from 'stream';
import { loggerParams } from '../../apps/api/src/common/logging';
import { waitFor } from '../support/wait';

/** The API's request logging, driven by real HTTP requests, with its lines captured. */
describe('request logs', () => {
  it('are JSON with a request id, echo the id, and never carry credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    const params = loggerParams('api', 'info').pinoHttp as PinoHttpOptions;
    const log = pinoHttp({ ...params, stream: sink } as PinoHttpOptions);
    const server = createServer((req, res) => {
      log(req, res);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/me/calendar.ics?token=feed-secret-123`, {
        headers: {
          authorization: 'Bearer access-secret-456',
          cookie: 'sid=cookie-secret-789',
          'x-request-id': 'req-abc.1',
        },
      });
      expect(res.headers.get('x-request-id')).toBe('req-abc.1');
      const generated = await fetch(`http://127.0.0.1:${port}/health-check`, {
        headers: { 'x-request-id': 'bad id!' },
      });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await new Promise((r) => server.close(r));
    }
    // Two requests, two lines (pino writes each response's line when it finishes).
    await waitFor('a log line per request', () => lines.length >= 2);
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const first = JSON.parse(lines[0]);
    expect(first.req).toMatchObject({ id: 'req-abc.1', method: 'GET', path: '/me/calendar.ics' });
    for (const secret of ['feed-secret-123', 'access-secret-456', 'cookie-secret-789'])
      expect(text).not.toContain(secret);
  });
});
