/**
 * The queue dashboard in a real browser (headless Chromium): an admin opens it through the
 * session cookie, the board shows the queues, and the page asked nothing of any other site and
 * broke none of its own Content-Security-Policy.
 */
import type { AddressInfo } from 'net';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { waitFor } from '../support/wait';
import { hasChromium, launchChromium } from '../web/support/browser';

const browserDescribe = hasChromium ? describe : describe.skip;

browserDescribe('queue dashboard in a browser (e2e)', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let origin: string;

  beforeAll(async () => {
    h = await startApi();
    admin = await h.signIn({ roles: ['admin'] });
    await h.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => h?.close());

  it('renders the board from this server alone, within its policy', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests: string[] = [];
      const violations: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      // As the docs say: POST /admin/queues/session with the bearer header, then open the board.
      const opened = await context.request.post(`${origin}/admin/queues/session`, {
        headers: { Authorization: admin.auth.Authorization },
      });
      expect(opened.status()).toBe(204);
      await page.goto(`${origin}/admin/queues`);
      await waitFor('the board to list the notifications queue', () =>
        page
          .getByText('notifications', { exact: false })
          .first()
          .isVisible()
          .catch(() => false),
      );
      expect(requests.length).toBeGreaterThan(1);
      expect(requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
