/**
 * The seed scenario of issue 13, whole, in a real browser (headless Debian Chromium against the
 * real api, worker and gateway), with no API call outside the app: an organizer creates a program
 * with modules and a session for Pavlodar and Kostanay, and publishes it; two people sign up from
 * those regions (one in Russian on a laptop, one in Kazakh on a 360x740 phone) and register on the
 * public session page; the organizer reschedules and each sees the new time in their own zone,
 * named; the session runs live with questions moderated and answered in the console; the
 * organizer ends it (after a confirmation) and the session and program reports list both people.
 *
 * The only setup outside the pages is the first admin's account (what `npm run demo:seed` or an
 * operator does once); the admin makes the organizer's account and organization on the admin
 * screens. The database is only read to check what the pages did.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { kk, ru } from '../../apps/web/src/i18n/strings';
import { PUBLIC_STRINGS } from '../../apps/web/src/i18n/public-strings';
import { NAV_STRINGS } from '../../apps/web/src/i18n/public-nav-strings';
import { ORGANIZER_STRINGS } from '../../apps/web/src/organizer/organizer-strings';
import { ADMIN_STRINGS } from '../../apps/web/src/admin/admin-strings';
import { NEW_ACCOUNT_STRINGS } from '../../apps/web/src/admin/new-account-strings';
import { waitFor } from '../support/wait';
import {
  englishLeftOver,
  ensureWebBuild,
  hasChromium,
  horizontalOverflow,
  launchChromium,
  openViewer,
  readableText,
  Viewer,
} from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';

const browserDescribe = hasChromium ? describe : describe.skip;
const PASSWORD = 'correct horse battery';
const o = ORGANIZER_STRINGS.ru;
const pr = PUBLIC_STRINGS.ru;
const pk = PUBLIC_STRINGS.kk;
const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k]));

/** Screenshots for a person to look at (test/artifacts/web/scenario unless SCENARIO_SHOTS says where). */
const SHOTS = process.env.SCENARIO_SHOTS ?? join(__dirname, '..', 'artifacts', 'web', 'scenario');
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** English words of the public pages still visible on a page meant to be in Kazakh. */
async function englishOfPublicPages(page: Page): Promise<string[]> {
  const text = await readableText(page);
  const kkAll = Object.values(pk).join('\n');
  return Object.entries(PUBLIC_STRINGS.en)
    .filter(([k, v]) => v !== pk[k as keyof typeof pk])
    .flatMap(([, v]) => v.split(/\{\w+\}/).map((f) => f.trim()))
    .filter((f) => f.length >= 6 && /[A-Za-z]{3}/.test(f) && !kkAll.includes(f) && text.includes(f));
}

browserDescribe('the seed scenario, whole, in a real browser (e2e)', () => {
  jest.setTimeout(180_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];
  let org: Viewer;
  /** Dana: Pavlodar, Russian, a laptop. Olzhas: Kostanay, Kazakh, a 360x740 phone. */
  let dana: Viewer;
  let olzhas: Viewer;
  let adminEmail: string;
  const organizerEmail = 'gulnar@academy.test';
  let programId: string;
  let sessionId: string;
  let newStart: DateTime;

  const PROGRAM = { kk: 'Праймериз вебинарлары', ru: 'Вебинары для участников праймериз' };
  const SESSION = { kk: 'Ішкі іріктеу қалай өтеді', ru: 'Как проходит внутренний отбор' };
  const Q_DANA = 'Когда опубликуют итоги отбора?';
  const Q_OLZHAS = 'Қорытынды қашан жарияланады?';

  const url = (path: string) => `${stack.baseUrl}${path}`;
  const viewer = async (opts: Parameters<typeof openViewer>[1]) => {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  };

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const admin = await stack.api.signIn({
      password: PASSWORD,
      displayName: 'Админ Платформы',
      roles: ['admin'],
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    adminEmail = admin.email;
  });

  afterAll(async () => {
    for (const v of viewers) await v.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    // A page error is a bug even when the assertions passed.
    expect(viewers.flatMap((v) => v.errors.splice(0))).toEqual([]);
  });

  it("an admin makes the organizer's account and organization on the admin screens", async () => {
    const na = NEW_ACCOUNT_STRINGS.ru;
    const { page } = await viewer({ locale: 'ru-RU', timezoneId: 'Asia/Almaty' });
    await page.goto(url('/app/signin'));
    await page.getByLabel(ru['signin.email']).fill(adminEmail);
    await page.getByLabel(ru['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: ru['action.signIn'] }).click();
    await page.getByRole('link', { name: ru['nav.console'], exact: true }).click();
    await page
      .getByRole('navigation', { name: ru['console.title'] })
      .getByRole('link', { name: ADMIN_STRINGS.ru['admin.nav'] })
      .click();
    const form = page.getByRole('form', { name: na['new.title'] });
    await form.getByLabel(na['new.name']).fill('Гүлнар Сейітова');
    await form.getByLabel(na['new.email']).fill(organizerEmail);
    await form.getByLabel(na['new.password']).fill(PASSWORD);
    expect(await form.getByRole('checkbox', { name: ADMIN_STRINGS.ru['role.organizer'] }).isChecked()).toBe(
      true,
    );
    // An organizer without an organization could not create a program: the form says so first.
    await form.getByRole('button', { name: na['new.submit'] }).click();
    await form.getByText(na['new.organizerNeedsOrg']).waitFor();
    await form.getByLabel(na['new.newOrganization']).fill('Саяси менеджмент академиясы');
    await form.getByRole('button', { name: na['new.submit'] }).click();
    await form.getByText(fill(na['new.created'], { name: 'Гүлнар Сейітова' })).waitFor();
    // The list above shows the new person at once.
    await page.getByRole('link', { name: 'Гүлнар Сейітова' }).waitFor();
    await shot(page, '00-admin-new-organizer');
    await expectNoSeriousA11yViolations(page);
    // The same address twice: told in words.
    await form.getByLabel(na['new.name']).fill('Гүлнар Сейітова');
    await form.getByLabel(na['new.email']).fill(organizerEmail);
    await form.getByLabel(na['new.password']).fill(PASSWORD);
    await form
      .getByLabel(na['new.organization'], { exact: true })
      .selectOption({ label: 'Саяси менеджмент академиясы' });
    await form.getByRole('button', { name: na['new.submit'] }).click();
    await form.getByText(na['error.email_taken']).waitFor();

    const [u] = await stack.api.ds.query(
      `SELECT u.roles, u.language, u.time_zone, o.name FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.email = $1`,
      [organizerEmail],
    );
    expect(u).toEqual({
      roles: ['organizer'],
      language: 'ru',
      time_zone: 'Asia/Almaty',
      name: 'Саяси менеджмент академиясы',
    });
  });

  it('an organizer creates a program with two modules and a session for Pavlodar and Kostanay, and publishes it', async () => {
    org = await viewer({ locale: 'ru-RU', timezoneId: 'Asia/Almaty' });
    const page = org.page;
    await page.goto(url('/app/signin'));
    await page.getByLabel(ru['signin.email']).fill(organizerEmail);
    await page.getByLabel(ru['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: ru['action.signIn'] }).click();
    await page.getByRole('link', { name: ru['nav.console'], exact: true }).click();
    await page.getByRole('heading', { name: ru['programs.new'] }).waitFor();

    const title = page.getByRole('group', { name: ru['form.title'] });
    await title.getByLabel(ru['lang.inKk']).fill(PROGRAM.kk);
    await title.getByLabel(ru['lang.inRu']).fill(PROGRAM.ru);
    await page.getByRole('button', { name: ru['programs.create'] }).click();
    await page.waitForURL(/\/app\/organizer\/programs\/[0-9a-f-]{36}$/);
    programId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: PROGRAM.ru }).waitFor();
    await page.getByText(o['draft.program']).waitFor();

    const add = page.getByRole('form', { name: ru['program.addModule'] });
    for (const [k, r] of [
      ['Ішкі іріктеу', 'Внутренний отбор'],
      ['Шешендік өнер', 'Ораторское искусство'],
    ]) {
      await add.getByLabel(ru['lang.inKk']).fill(k);
      await add.getByLabel(ru['lang.inRu']).fill(r);
      await add.getByRole('button', { name: ru['program.addModule'] }).click();
      await page.locator('ol.modules li', { hasText: r }).waitFor();
    }

    await page.getByRole('link', { name: ru['program.schedule'] }).click();
    await page.getByRole('heading', { name: ru['schedule.title'] }).waitFor();
    await page.getByLabel(ru['lang.inKk']).fill(SESSION.kk);
    await page.getByLabel(ru['lang.inRu']).fill(SESSION.ru);
    await page.getByLabel(ru['schedule.module']).selectOption({ label: '1. Внутренний отбор' });
    const firstStart = DateTime.now()
      .setZone('Asia/Almaty')
      .plus({ days: 3 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await page.getByLabel(ru['schedule.start']).fill(firstStart.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByLabel(ru['schedule.duration']).fill('240');
    await page.getByLabel('Павлодарская область').check();
    await page.getByLabel('Костанайская область').check();
    await page.getByLabel(ru['schedule.joinUrl']).fill('https://meet.example.kz/primaries-1');
    const preview = page.getByRole('region', { name: ru['schedule.preview'] });
    await preview.getByText('Asia/Qostanay').waitFor();
    await shot(page, '01-organizer-schedule');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: ru['schedule.submit'], exact: true }).click();
    await page.waitForURL(/\/app\/organizer\/sessions\/[0-9a-f-]{36}$/);
    sessionId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: SESSION.ru }).waitFor();
    // The program is still a draft: the console says attendees cannot see the session.
    await page.getByText(fill(o['draft.session'], { program: PROGRAM.ru })).waitFor();

    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('button', { name: ru['program.publish'] }).click();
    await page.getByRole('button', { name: ru['program.unpublish'] }).waitFor();
    expect(await page.getByText(o['draft.program']).count()).toBe(0);
    await shot(page, '02-organizer-program-published');
    await expectNoSeriousA11yViolations(page);

    const [row] = await stack.api.ds.query(
      `SELECT p.status, (SELECT count(*)::int FROM program_modules m WHERE m.program_id = p.id) AS modules
         FROM programs p WHERE p.id = $1`,
      [programId],
    );
    expect(row).toEqual({ status: 'published', modules: 2 });
  });

  it('two people sign up from Pavlodar and Kostanay and register on the public session page', async () => {
    // --- Dana finds it from the program list, signs up from the session page, registers.
    dana = await viewer({ locale: 'ru-RU', timezoneId: 'Asia/Almaty' });
    const a = dana.page;
    await a.goto(url('/app/'));
    await a.getByRole('link', { name: NAV_STRINGS.ru['nav.programs'] }).click();
    await a.getByRole('link', { name: PROGRAM.ru }).click();
    await a.getByRole('heading', { name: 'Модуль 1. Внутренний отбор' }).waitFor();
    await a.getByRole('link', { name: SESSION.ru }).click();
    await a.getByRole('heading', { name: SESSION.ru }).waitFor();
    await a
      .getByText(/Павлодарская область, Костанайская область|Костанайская область, Павлодарская область/)
      .waitFor();
    const box = (p: Page, heading: string) =>
      p.locator('section.card', { has: p.getByRole('heading', { name: heading }) });
    await box(a, pr['pub.reg.heading']).getByRole('link', { name: NAV_STRINGS.ru['nav.signUp'] }).click();
    await a.getByRole('heading', { name: pr['acc.signup.title'] }).waitFor();
    await a.getByLabel(pr['acc.field.name']).fill('Дана Ахметова');
    await a.getByLabel(pr['acc.field.email']).fill('dana@scenario.test');
    await a.getByLabel(pr['acc.field.password']).fill('dana password');
    await a.getByLabel(pr['acc.field.region']).selectOption({ label: 'Павлодарская область' });
    await a.getByRole('button', { name: pr['acc.signup.submit'] }).click();
    await a.getByRole('heading', { name: SESSION.ru }).waitFor();
    await a.getByRole('button', { name: pr['pub.reg.register'] }).click();
    await a.getByText(pr['pub.reg.registered']).waitFor();
    await shot(a, '03-dana-registered');
    await expectNoSeriousA11yViolations(a);

    // --- Olzhas opens a shared link to the program on a phone, in Kazakh.
    olzhas = await viewer({ phone: true, locale: 'kk-KZ', timezoneId: 'Asia/Qostanay' });
    const b = olzhas.page;
    await b.goto(url(`/app/programs/${programId}`));
    await b.getByRole('button', { name: 'Қазақша' }).click();
    await b.getByRole('heading', { name: PROGRAM.kk }).waitFor();
    await b.getByRole('link', { name: SESSION.kk }).click();
    await b.getByRole('heading', { name: SESSION.kk }).waitFor();
    await box(b, pk['pub.reg.heading']).getByRole('link', { name: NAV_STRINGS.kk['nav.signUp'] }).click();
    await b.getByRole('heading', { name: pk['acc.signup.title'] }).waitFor();
    await b.getByLabel(pk['acc.field.name']).fill('Олжас Бекұлы');
    await b.getByLabel(pk['acc.field.email']).fill('olzhas@scenario.test');
    await b.getByLabel(pk['acc.field.password']).fill('olzhas password');
    await b.getByLabel(pk['acc.field.region']).selectOption({ label: 'Қостанай облысы' });
    expect(await b.getByLabel(pk['acc.field.zone']).inputValue()).toBe('Asia/Qostanay');
    expect(await b.getByLabel(pk['acc.field.language']).inputValue()).toBe('kk');
    await b.getByRole('button', { name: pk['acc.signup.submit'] }).click();
    await b.getByRole('heading', { name: SESSION.kk }).waitFor();
    await b.getByRole('button', { name: pk['pub.reg.register'] }).click();
    await b.getByText(pk['pub.reg.registered']).waitFor();
    expect(await englishOfPublicPages(b)).toEqual([]);
    expect(await englishLeftOver(b)).toEqual([]);
    expect((await horizontalOverflow(b)).scrollWidth).toBeLessThanOrEqual(360);
    await shot(b, '04-olzhas-registered-kk-phone');
    await expectNoSeriousA11yViolations(b);

    const rows: { email: string; status: string; time_zone: string; language: string }[] =
      await stack.api.ds.query(
        `SELECT u.email, r.status, u.time_zone, u.language FROM registrations r JOIN users u ON u.id = r.user_id
          WHERE r.session_id = $1 ORDER BY u.email`,
        [sessionId],
      );
    expect(rows).toEqual([
      { email: 'dana@scenario.test', status: 'registered', time_zone: 'Asia/Almaty', language: 'ru' },
      { email: 'olzhas@scenario.test', status: 'registered', time_zone: 'Asia/Qostanay', language: 'kk' },
    ]);
  });

  it('the organizer reschedules; each sees the new time in their own zone, named', async () => {
    const page = org.page;
    await page.goto(url(`/app/organizer/sessions/${sessionId}`));
    // Now, to the minute: the session is about to run live in the next step.
    newStart = DateTime.now().setZone('Asia/Almaty').startOf('minute');
    const form = page.getByRole('form', { name: o['edit.title'] });
    await form.getByLabel(ru['schedule.start']).fill(newStart.toFormat("yyyy-MM-dd'T'HH:mm"));
    await form.getByRole('button', { name: o['action.save'] }).click();
    await form
      .getByRole('status')
      .getByText(/Asia\/Almaty/)
      .waitFor();
    await shot(page, '05-organizer-rescheduled');
    await expectNoSeriousA11yViolations(page);

    const hhmm = (zone: string, plus = 0) => newStart.setZone(zone).plus({ minutes: plus }).toFormat('HH:mm');
    // Dana's "my sessions": her zone is the session's.
    await dana.page.getByRole('link', { name: NAV_STRINGS.ru['nav.mySessions'] }).click();
    const danaRow = dana.page.locator('.list-item', { hasText: SESSION.ru });
    await danaRow.waitFor();
    await waitFor('the new time on Dana’s page', async () => {
      const text = (await danaRow.textContent()) ?? '';
      return (
        text.includes(`${hhmm('Asia/Almaty')}–${hhmm('Asia/Almaty', 240)}`) &&
        text.includes('(Asia/Almaty, UTC+5)')
      );
    });
    await shot(dana.page, '06-dana-my-sessions');
    await expectNoSeriousA11yViolations(dana.page);

    // Olzhas: his own zone first, the session's beside it.
    const b = olzhas.page;
    await b.getByRole('link', { name: NAV_STRINGS.kk['nav.mySessions'] }).click();
    await b.getByRole('heading', { name: pk['acc.my.upcoming'] }).waitFor();
    const row = b.locator('.list-item', { hasText: SESSION.kk });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`${hhmm('Asia/Qostanay')}–${hhmm('Asia/Qostanay', 240)}`);
    expect(text).toContain('(Asia/Qostanay, UTC+5)');
    expect(text).toContain('(Asia/Almaty, UTC+5)');
    expect((await horizontalOverflow(b)).scrollWidth).toBeLessThanOrEqual(360);
    expect(await englishLeftOver(b)).toEqual([]);
    await shot(b, '07-olzhas-my-sessions-kk-phone');
    await expectNoSeriousA11yViolations(b);
    // And on the session page, both clocks named.
    await row.getByRole('link', { name: SESSION.kk }).click();
    await b.getByText(pk['pub.session.yourTime']).waitFor();
    const clocks = (await b.locator('.clocks').textContent()) ?? '';
    expect(clocks).toContain(`${hhmm('Asia/Qostanay')}–${hhmm('Asia/Qostanay', 240)} (Asia/Qostanay, UTC+5)`);
    expect(clocks).toContain('(Asia/Almaty, UTC+5)');
    await shot(b, '08-olzhas-session-kk-phone');
    await expectNoSeriousA11yViolations(b);
  });

  it('runs live: the organizer starts it, both ask, the console moderates and answers, both see the answer', async () => {
    const o1 = org.page;
    await o1.getByRole('button', { name: ru['session.goLive'] }).click();
    await o1.locator('.chip', { hasText: ru['session.live'] }).first().waitFor();

    // Each attendee goes from their own pages to the session room.
    await dana.page.getByRole('link', { name: pr['pub.reg.openLive'] }).click();
    await dana.page.getByRole('heading', { name: ru['live.liveNow'] }).waitFor();
    await olzhas.page.getByRole('link', { name: pk['pub.reg.openLive'] }).click();
    await olzhas.page.getByRole('heading', { name: kk['live.liveNow'] }).waitFor();
    // The room's heading names each one's own zone, not just an offset.
    expect(await dana.page.locator('.live-head').textContent()).toContain('(Asia/Almaty, UTC+5)');
    const head = (await olzhas.page.locator('.live-head').textContent()) ?? '';
    expect(head).toContain(`${newStart.setZone('Asia/Qostanay').toFormat('HH:mm')} (Asia/Qostanay, UTC+5)`);
    expect(head).toContain('Asia/Almaty');

    await dana.page.getByLabel(ru['ask.label']).fill(Q_DANA);
    await dana.page.getByRole('button', { name: ru['ask.submit'] }).click();
    await olzhas.page.getByLabel(kk['ask.label']).fill(Q_OLZHAS);
    await olzhas.page.getByRole('button', { name: kk['ask.submit'] }).click();
    // Pre-moderation (the default) holds each question back until the console approves it.
    await dana.page.getByText(ru['ask.pending']).waitFor();
    await olzhas.page.getByText(kk['ask.pending']).waitFor();
    await shot(olzhas.page, '09-olzhas-live-kk-phone');
    await expectNoSeriousA11yViolations(olzhas.page);

    await o1.goto(url(`/app/organizer/sessions/${sessionId}/questions`));
    const q = (group: string, text: string) => o1.locator(`.qgroup-${group} .q`, { hasText: text });
    await q('pending', Q_DANA).waitFor();
    await q('pending', Q_OLZHAS).waitFor();
    await shot(o1, '10-organizer-questions-pending');
    await expectNoSeriousA11yViolations(o1);
    for (const text of [Q_DANA, Q_OLZHAS]) {
      await q('pending', text).getByRole('button', { name: ru['qa.approve'] }).click();
      await q('approved', text).waitFor();
    }
    // Each sees the other's question once approved.
    await dana.page.locator('.qlist .q', { hasText: Q_OLZHAS }).waitFor();
    await olzhas.page.locator('.qlist .q', { hasText: Q_DANA }).waitFor();
    await q('approved', Q_OLZHAS).getByRole('button', { name: ru['qa.markAnswered'] }).click();
    await q('answered', Q_OLZHAS).waitFor();
    await shot(o1, '10b-organizer-questions-answered');
    await expectNoSeriousA11yViolations(o1);

    for (const p of [dana.page, olzhas.page]) {
      await p.locator('.qlist.answered .q', { hasText: Q_OLZHAS }).waitFor();
    }
    await olzhas.page.getByText(kk['questions.answeredChip']).first().waitFor();
    expect(await englishLeftOver(olzhas.page)).toEqual([]);
    expect((await horizontalOverflow(olzhas.page)).scrollWidth).toBeLessThanOrEqual(360);
    await shot(olzhas.page, '11-olzhas-answered-kk-phone');
    await expectNoSeriousA11yViolations(olzhas.page);
    await shot(dana.page, '12-dana-answered');
    await expectNoSeriousA11yViolations(dana.page);
  });

  it('ends after a confirmation, and the session and program reports show both people', async () => {
    const page = org.page;
    await page.goto(url(`/app/organizer/sessions/${sessionId}`));
    await page.getByRole('button', { name: ru['session.endNow'] }).click();
    const ask = page.getByRole('dialog', { name: o['confirm.endTitle'] });
    await ask.getByText(o['confirm.endBody']).waitFor();
    await shot(page, '13-organizer-confirm-end');
    await expectNoSeriousA11yViolations(page);
    await ask.getByRole('button', { name: o['confirm.end'] }).click();
    await page.locator('.chip', { hasText: ru['session.ended'] }).first().waitFor();

    await dana.page.getByText(ru['live.ended'], { exact: true }).waitFor();
    await olzhas.page.getByText(kk['live.ended'], { exact: true }).waitFor();
    await shot(olzhas.page, '14-olzhas-ended-kk-phone');
    await expectNoSeriousA11yViolations(olzhas.page);

    await page.getByRole('link', { name: ru['tab.report'] }).click();
    await page.getByRole('heading', { name: ru['report.byRegion'] }).waitFor();
    const byRegion = page.locator('table').first();
    await byRegion.getByRole('rowheader', { name: 'Павлодарская область' }).waitFor();
    await byRegion.getByRole('rowheader', { name: 'Костанайская область' }).waitFor();
    const people = page.locator('table').nth(1);
    await people.getByRole('rowheader', { name: 'Дана Ахметова' }).waitFor();
    await people.getByRole('rowheader', { name: 'Олжас Бекұлы' }).waitFor();
    await shot(page, '15-organizer-session-report');
    await expectNoSeriousA11yViolations(page);

    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('link', { name: o['program.report'] }).click();
    await page.getByRole('heading', { level: 1, name: o['report.title'] }).waitFor();
    await page.getByText(fill(o['report.sessions'], { n: 1 })).waitFor();
    await page.getByRole('rowheader', { name: 'Дана Ахметова' }).waitFor();
    await page.getByRole('rowheader', { name: 'Олжас Бекұлы' }).waitFor();
    await shot(page, '16-organizer-program-report');
    await expectNoSeriousA11yViolations(page);
  });
});
