import express from 'express';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { brotliCompressSync, gzipSync } from 'zlib';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { findWebDist, webHandlers } from '../../apps/api/src/web/web-static';
import { ApiHarness, startApi } from '../support/api-harness';

const BIG = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word ${i % 50}`))};\n`;

/** The api serves the browser app under /app without ever shadowing an API route. */
describe('web app served by the api (e2e)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi({ GATEWAY_PUBLIC_URL: 'http://127.0.0.1:39999' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('tells the browser where the gateway is', async () => {
    const res = await h.http.get('/app/config.json').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ gatewayUrl: 'http://127.0.0.1:39999' });
  });

  it('sends people from the bare origin to the app', async () => {
    const res = await h.http.get('/').expect(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('leaves /health, /docs, /docs-json and API routes (and their 404s) to the API', async () => {
    await h.http.get('/health').expect(200);
    const docs = await h.http.get('/docs-json').expect(200);
    expect(docs.body.openapi).toBeDefined();
    await h.http.get('/docs/').expect(200);
    const regions = await h.http.get('/regions').expect(200);
    expect(Array.isArray(regions.body)).toBe(true);
    const unknown = await h.http.get('/no-such-route').set('Accept', 'text/html').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'not_found' });
    const guarded = await h.http.get('/me').set('Accept', 'text/html').expect(401);
    expect(guarded.body.error).toBe('unauthorized');
  });

  describe('static files', () => {
    let dir: string;
    let app: express.Express;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'qatys-web-'));
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div>');
      writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
      writeFileSync(join(dir, 'assets', 'big-abc123.js'), BIG);
      writeFileSync(join(dir, 'assets', 'big-abc123.js.br'), brotliCompressSync(BIG));
      writeFileSync(join(dir, 'assets', 'big-abc123.js.gz'), gzipSync(BIG));
      app = express();
      app.use('/app', webHandlers(dir, { gatewayUrl: 'http://gw' }));
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('answers client-side routes with index.html, never cached', async () => {
      for (const path of ['/app/', '/app/organizer/sessions/x/live', '/app/join?token=abc']) {
        const res = await request(app).get(path).expect(200);
        expect(res.text).toContain('<div id="root">');
        expect(res.headers['cache-control']).toBe('no-cache');
        // Where the gateway is, written in: the live page needs no /app/config.json first.
        expect(res.text).toContain('<meta name="qatys-gateway" content="http://gw" />');
      }
    });

    it('writes a gateway address into the page as an attribute value, never as markup', async () => {
      const odd = express();
      odd.use('/app', webHandlers(dir, { gatewayUrl: 'http://gw/"><script>x()</script>' }));
      const res = await request(odd).get('/app/').expect(200);
      expect(res.text).toContain('content="http://gw/&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"');
      expect(res.text).not.toContain('<script>x()');
    });

    it('caches hashed assets for a year and answers a missing one with 404, not HTML', async () => {
      const ok = await request(app).get('/app/assets/index-abc123.js').expect(200);
      expect(ok.headers['cache-control']).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
      const missing = await request(app).get('/app/assets/nope-123.js').expect(404);
      expect(missing.text).not.toContain('<div id="root">');
    });

    it('serves the build’s brotli or gzip copy to a browser that takes it, the plain file otherwise', async () => {
      const br = await request(app)
        .get('/app/assets/big-abc123.js')
        .set('Accept-Encoding', 'gzip, deflate, br')
        .expect(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/^text\/javascript/);
      expect(br.headers.vary).toMatch(/Accept-Encoding/);
      expect(br.headers['cache-control']).toMatch(/immutable/);
      // What went over the wire is the brotli copy; the client decoded it to the same script.
      expect(Number(br.headers['content-length'])).toBe(brotliCompressSync(BIG).length);
      expect(br.text).toBe(BIG);

      const gz = await request(app).get('/app/assets/big-abc123.js').set('Accept-Encoding', 'gzip, br;q=0');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(Number(gz.headers['content-length'])).toBe(gzipSync(BIG).length);
      expect(gz.text).toBe(BIG); // supertest inflates gzip: the same script

      const plain = await request(app).get('/app/assets/big-abc123.js').set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.text).toBe(BIG);

      // A file the build did not compress (too small to gain) is served as it is.
      const small = await request(app).get('/app/assets/index-abc123.js').set('Accept-Encoding', 'br');
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.text).toBe('console.log(1)');
    });

    it('answers 503 with a plain sentence while the app is not built', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'qatys-web-empty-'));
      const bare = express();
      bare.use('/app', webHandlers(join(empty, 'missing'), { gatewayUrl: 'http://gw' }));
      const res = await request(bare).get('/app/').expect(503);
      expect(res.text).toMatch(/not built yet/);
      await request(bare).get('/app/config.json').expect(200);
      rmSync(empty, { recursive: true, force: true });
    });
  });

  it('finds dist/web at the repository root from the source tree', () => {
    expect(findWebDist()).toBe(join(__dirname, '..', '..', 'dist', 'web'));
  });
});
