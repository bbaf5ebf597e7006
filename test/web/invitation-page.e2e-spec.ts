/**
 * The invitation landing page in a real browser (Debian Chromium) against the real api, worker
 * and SMTP server: the link from the invitation mail opens the page in Kazakh; one click
 * registers; a first password can be set and then used to sign in; a forged link says so
 * plainly. No CSP violation, no console error.
 */
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { createProgram, createSession, regionByCode } from '../support/factories';
import { waitFor } from '../support/wait';
import { ensureWebBuild, hasChromium, launchChromium, openViewer, shot } from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';

const browserDescribe = hasChromium ? describe : describe.skip;

browserDescribe('invitation page in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('registers with one click from the mailed link, in Kazakh, and sets the first password', async () => {
    const h = stack.api;
    const organizer = await h.signIn({ roles: ['organizer'] });
    const pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds, {
      title: { kk: 'Депутаттардың әлеуметтік желідегі жұмысы', ru: 'Работа депутатов в соцсетях' },
    });
    await createSession(h.ds, program.id, {
      startAt: DateTime.utc().plus({ days: 2 }).toJSDate(),
      targetRegionIds: [pavlodar],
    });
    await h.http
      .post(`/programs/${program.id}/expected-people/import`)
      .set(organizer.auth)
      .set('content-type', 'text/csv')
      .send('name,email,region_code,language\nӘлия Құрманова,aliya@browser.test,KZ-55,kk\n')
      .expect(200);
    await h.http.post(`/programs/${program.id}/invitations`).set(organizer.auth).send({}).expect(200);
    const mail = await waitFor('the invitation mail', () =>
      stack.mail.messages.find((m) => m.to.includes('aliya@browser.test')),
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/app\/invite\/[\w.-]+)/.exec(mail.text)![1];

    const viewer = await openViewer(browser, { locale: 'kk-KZ' });
    const { page } = viewer;
    await page.goto(link);
    await page.getByText('Сәлеметсіз бе, Әлия Құрманова!').waitFor();
    await page.getByText('Депутаттардың әлеуметтік желідегі жұмысы').waitFor();
    // Opening the link registered nobody (mail scanners open links too).
    const count = async () =>
      (
        await h.ds.query(
          `SELECT count(*)::int AS n FROM registrations r JOIN users u ON u.id = r.user_id
            WHERE u.email = 'aliya@browser.test' AND r.status = 'registered'`,
        )
      )[0].n as number;
    expect(await count()).toBe(0);
    await page.getByRole('button', { name: 'Тіркелу' }).click();
    await page.getByText('Сіз тіркелдіңіз.', { exact: false }).waitFor();
    expect(await count()).toBe(1);

    await page.getByLabel('Жаңа құпиясөз (кемінде 8 таңба)').fill('a long enough password');
    await page.getByRole('button', { name: 'Құпиясөзді сақтау' }).click();
    await page.getByText('Құпиясөз орнатылды', { exact: false }).waitFor();
    await h.http
      .post('/auth/login')
      .send({ email: 'aliya@browser.test', password: 'a long enough password' })
      .expect(200);
    await shot(page, 'invitation-kk');
    await expectNoSeriousA11yViolations(page);

    await page.goto(link.replace(/\.[\w-]+$/, '.forged'));
    await page.getByText('Сілтеме жарамсыз.', { exact: false }).waitFor();
    await expectNoSeriousA11yViolations(page);
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });
});
