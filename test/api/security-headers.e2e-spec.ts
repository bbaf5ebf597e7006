/**
 * Security headers on every response (helmet), a content security policy per kind of page, and
 * proof in a real browser (Debian Chromium) that the web app and Swagger UI work under their
 * policies: they render, and the browser reports no violation and no request to another origin.
 */
import type { Browser, Page } from 'playwright-core';
import { ApiHarness, startApi } from '../support/api-harness';
import { ensureWebBuild, hasChromium, launchChromium } from '../web/support/browser';
import { waitFor } from '../support/wait';

const GATEWAY = 'http://127.0.0.1:39998';

/** `default-src 'self'; ...` as { 'default-src': ["'self'"], ... }. */
function csp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers (e2e)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi({ GATEWAY_PUBLIC_URL: GATEWAY });
  });
  afterAll(() => h.close());

  it('every JSON answer, errors included: nosniff, no framing, no referrer, a policy that allows nothing, no HSTS over http', async () => {
    const u = await h.signIn();
    const answers = [
      await h.http.get('/health').expect(200),
      await h.http.get('/regions').expect(200),
      await h.http.get('/applications').set(u.auth).expect(200), // an API path, not the /app SPA
      await h.http.get('/docs-json').expect(200),
      await h.http.get('/no-such-route').expect(404),
      await h.http.get('/me').expect(401),
      await h.http.post('/auth/login').set('Content-Type', 'application/json').send('{"x":').expect(400),
      await h.http
        .patch('/me')
        .set(u.auth)
        .send({ displayName: 'x'.repeat(200 * 1024) })
        .expect(413),
    ];
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      });
      expect(csp(res.headers['content-security-policy'])).toEqual({
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the web app: its own scripts and styles only, its socket to the gateway, never framed', async () => {
    for (const path of ['/app/', '/app/organizer/programs', '/join/abc?t=x']) {
      const res = await h.http.get(path);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const policy = csp(res.headers['content-security-policy']);
      expect(policy).toMatchObject({
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
      expect(policy['connect-src']).toEqual(["'self'", GATEWAY, 'ws://127.0.0.1:39998']);
      expect(policy['upgrade-insecure-requests']).toBeUndefined();
    }
  });

  it("the web app may reach the Janus nodes' HTTP APIs (the built-in room's signalling), as browsers see them", async () => {
    const withJanus = await startApi({
      GATEWAY_PUBLIC_URL: GATEWAY,
      JANUS_NODES:
        'a=http://10.0.0.5:8088/janus|https://media1.qatys.example.kz/janus,b=http://10.0.0.6:8088/janus',
      JANUS_ADMIN_KEY: 'k',
    });
    try {
      const policy = csp((await withJanus.http.get('/app/')).headers['content-security-policy']);
      expect(policy['connect-src']).toEqual([
        "'self'",
        GATEWAY,
        'ws://127.0.0.1:39998',
        'https://media1.qatys.example.kz',
        'wss://media1.qatys.example.kz',
        'http://10.0.0.6:8088',
        'ws://10.0.0.6:8088',
      ]);
    } finally {
      await withJanus.close();
    }
  });

  it('/docs: Swagger UI gets inline styles and data: images, still no inline script', async () => {
    const res = await h.http.get('/docs/').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const policy = csp(res.headers['content-security-policy']);
    expect(policy).toMatchObject({
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
    const init = await h.http.get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"validatorUrl":\s*null/);
  });

  describe('behind TLS (PUBLIC_BASE_URL https)', () => {
    let tls: ApiHarness;
    beforeAll(async () => {
      tls = await startApi({
        PUBLIC_BASE_URL: 'https://qatys.example.kz',
        GATEWAY_PUBLIC_URL: 'https://live.qatys.example.kz',
      });
    });
    afterAll(() => tls.close());

    it('sends HSTS and upgrades insecure requests; the socket goes over wss', async () => {
      const json = await tls.http.get('/health').expect(200);
      expect(json.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const page = await tls.http.get('/app/');
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const policy = csp(page.headers['content-security-policy']);
      expect(policy['upgrade-insecure-requests']).toEqual([]);
      expect(policy['connect-src']).toEqual([
        "'self'",
        'https://live.qatys.example.kz',
        'wss://live.qatys.example.kz',
      ]);
    });
  });

  (hasChromium ? describe : describe.skip)('in Chromium', () => {
    jest.setTimeout(90_000);
    let browser: Browser;
    let base: string;

    beforeAll(async () => {
      ensureWebBuild();
      await h.app.listen(0, '127.0.0.1');
      base = await h.app.getUrl();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** Opens a page recording every policy violation and every request that leaves the origin. */
    async function open(path: string): Promise<{ page: Page; violations: string[]; foreign: string[] }> {
      const context = await browser.newContext();
      const violations: string[] = [];
      const foreign: string[] = [];
      await context.addInitScript(
        `document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))`,
      );
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/CSP violation|Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
      });
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(base) && !url.startsWith('data:')) foreign.push(url);
      });
      await page.goto(`${base}${path}`);
      return { page, violations, foreign };
    }

    it('Swagger UI renders its operations under its policy', async () => {
      const { page, violations, foreign } = await open('/docs/');
      await page.locator('.swagger-ui .info .title').getByText('Qatys API').waitFor();
      await page.locator('.opblock-summary-path', { hasText: '/auth/login' }).first().waitFor();
      // Expanding an operation draws its icons (data: SVG) and its schema.
      await page.locator('.opblock-summary', { hasText: '/auth/login' }).first().click();
      await page.locator('.opblock-body').first().waitFor();
      await waitFor(
        'the page to settle',
        async () => (await page.evaluate('document.readyState')) === 'complete',
      );
      expect(violations).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });

    it('the web app renders its sign-in page under its policy', async () => {
      const { page, violations, foreign } = await open('/app/signin');
      await page.locator('input[type="email"]').waitFor();
      await page.locator('input[type="password"]').fill('x');
      await waitFor(
        'the page to settle',
        async () => (await page.evaluate('document.readyState')) === 'complete',
      );
      expect(violations).toEqual([]);
      expect(foreign).toEqual([]);
      // A page of another origin cannot frame it (clickjacking).
      const attacker = await browser.newPage();
      const refusals: string[] = [];
      attacker.on('console', (m) => refusals.push(m.text()));
      await attacker.setContent(`<iframe src="${base}/app/signin"></iframe>`);
      await waitFor(
        'the browser to refuse the frame',
        () => refusals.some((v) => /frame-ancestors|X-Frame-Options/.test(v)),
        10_000,
      );
      const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
      expect(await frame?.locator('input[type="email"]').count()).toBe(0);
      await attacker.close();
      await page.context().close();
    });
  });
});
