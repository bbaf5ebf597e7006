/**
 * The web app in a real browser: headless Debian Chromium (playwright-core) against the real api
 * (serving the production build) and the real gateway. An organizer schedules a session; two
 * attendees from two regions open their join links; the dashboard counts them against the
 * roster; questions are asked, moderated and upvoted live; the page works in Kazakh, on a 360 px
 * phone and with the keyboard, and says plainly when something is wrong.
 */
import { DateTime } from 'luxon';
import type { Browser, Page, Request } from 'playwright-core';
import {
  createModule,
  createOrganization,
  createProgram,
  createSession,
  createSpeaker,
  regionByCode,
} from '../support/factories';
import { ProgramModule } from '@qatys/domain';
import { kk, ru } from '../../apps/web/src/i18n/strings';
import { ORGANIZER_STRINGS } from '../../apps/web/src/organizer/organizer-strings';
import {
  CHROMIUM_PATH,
  englishLeftOver,
  ensureWebBuild,
  hasChromium,
  horizontalOverflow,
  kazakhShown,
  launchChromium,
  openViewer,
  shot,
  Viewer,
} from './support/browser';
import { startWebStack, WebStack } from './support/stack';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { COUNT_STRINGS } from '../../apps/web/src/i18n/count-strings';
import { ERROR_STRINGS } from '../../apps/web/src/i18n/error-strings';
import { EXTRA_STRINGS } from '../../apps/web/src/i18n/extra-strings';
import { waitFor } from '../support/wait';

if (!hasChromium) {
  // One loud line, and only this suite is skipped (CI installs Chromium, so it never skips there).
  console.warn(
    `\n!!!!! [web] NO CHROMIUM at ${CHROMIUM_PATH}: the browser suite is SKIPPED (apt-get install chromium) !!!!!\n`,
  );
}
const browserDescribe = hasChromium ? describe : describe.skip;

const PASSWORD = 'correct horse battery';

/** Waits until the element's text is exactly this (live figures arrive within a second or two). */
async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.first().waitFor();
  await waitFor(
    `the text "${text}"`,
    async () => (await locator.first().textContent())?.trim() === text,
    15_000,
  );
}

browserDescribe('web app in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];
  let organizer: { email: string; id: string };
  let programId: string;
  let pavlodar: number;
  let kostanay: number;
  /** The organizer's browser window, kept across the steps. */
  let org: Viewer;
  let sessionId: string;
  let liveStartLocal: string;
  /** Attendee from Pavlodar on a phone, attendee from Kostanay on a laptop; both by join link. */
  let phone: Viewer;
  let laptop: Viewer;
  const QUESTION = '<img src=x onerror="window.__xss=1">Қорытынды қашан жарияланады?';

  const url = (path: string) => `${stack.baseUrl}${path}`;
  async function authOf(email: string): Promise<{ Authorization: string }> {
    const res = await stack.api.http.post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  }
  async function viewer(opts: Parameters<typeof openViewer>[1] = {}): Promise<Viewer> {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  }

  async function signInThroughForm(page: Page, email: string): Promise<void> {
    await page.goto(url('/app/signin'));
    await page.getByLabel(ru['signin.email']).fill(email);
    await page.getByLabel(ru['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: ru['action.signIn'] }).click();
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const ds = stack.api.ds;
    pavlodar = (await regionByCode(ds, 'KZ-55')).id;
    kostanay = (await regionByCode(ds, 'KZ-39')).id;
    const org = await createOrganization(ds, 'Саяси менеджмент академиясы');
    const program = await createProgram(ds, {
      organizationId: org.id,
      title: { kk: 'Праймериз қатысушыларына арналған вебинарлар', ru: 'Вебинары для участников праймериз' },
      status: 'published',
    });
    programId = program.id;
    const mod = await createModule(ds, programId, 1);
    await ds.getRepository(ProgramModule).update(mod.id, {
      title: { kk: 'Ішкі іріктеу', ru: 'Внутренний отбор', en: 'Internal selection' },
    });
    await createSpeaker(ds, { fullName: 'Әлия Сәрсенова' });
    const signed = await stack.api.signIn({
      email: `organizer-${Date.now()}@test.qatys`,
      password: PASSWORD,
      displayName: 'Гүлнар Сейітова',
      roles: ['organizer', 'moderator'],
      organizationId: org.id,
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    organizer = { email: signed.email, id: signed.id };
  });

  afterAll(async () => {
    for (const v of viewers) await v.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    // A page error is a bug even when the assertions passed.
    const errors = viewers.flatMap((v) => v.errors.splice(0));
    expect(errors).toEqual([]);
  });

  it('signs the organizer in with the keyboard alone and opens the console', async () => {
    org = await viewer();
    const { page } = org;
    await page.goto(url('/'));
    // The home page is a chunk of its own (the live page's download stays small): wait for it.
    await page.getByRole('heading', { name: ru['home.welcome'] }).waitFor();
    // Tab from the top: skip link, brand, language buttons, sign-in link, then the form.
    await page.getByLabel(ru['signin.email']).focus();
    await page.keyboard.type(organizer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: ru['nav.console'], exact: true }).waitFor();
    await page.getByRole('link', { name: ru['nav.console'], exact: true }).click();
    await page.getByRole('heading', { name: ru['nav.programs'] }).waitFor();
    await page.getByText('Вебинары для участников праймериз').waitFor();
    await shot(page, '01-console-programs');
    await expectNoSeriousA11yViolations(page);
  });
  it('validates the schedule form before sending, checks the wall time, and puts API errors next to the field', async () => {
    const { page } = org;
    const posts: Request[] = [];
    const onRequest = (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/sessions')) posts.push(r);
    };
    page.on('request', onRequest);
    await page.goto(url(`/app/organizer/programs/${programId}/schedule`));
    await page.getByRole('heading', { name: ru['schedule.title'] }).waitFor();
    await page.getByRole('button', { name: ru['schedule.submit'], exact: true }).click();
    for (const msg of [ru['form.titleNeeded'], ru['form.required'], ru['schedule.joinUrlNeeded']]) {
      await page.getByText(msg).first().waitFor();
    }
    expect(posts).toHaveLength(0);
    // Focus went to the first field with a problem, for keyboard users.
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('title.kk');

    // 23:30 on 2024-02-29 happened twice in Almaty (clocks went back to UTC+5 at midnight).
    await page.getByLabel(ru['schedule.start']).fill('2024-02-29T23:30');
    await page.getByText(ru['schedule.startAmbiguous']).waitFor();

    const start = DateTime.now().setZone('Asia/Almaty').plus({ minutes: 5 }).startOf('minute');
    liveStartLocal = start.toFormat("yyyy-MM-dd'T'HH:mm");
    await page.getByLabel(ru['lang.inKk']).fill('Ішкі іріктеу қалай өтеді');
    await page.getByLabel(ru['lang.inRu']).fill('Как проходит внутрипартийный отбор');
    await page.getByLabel(ru['schedule.start']).fill(liveStartLocal);
    await page.getByLabel(ru['schedule.duration']).fill('120');
    await page.getByLabel('Павлодарская область').check();
    await page.getByLabel('Костанайская область').check();
    await page.getByLabel(ru['schedule.joinUrl']).fill('https://meet.example.kz/primaries-1');
    await page.getByLabel('Әлия Сәрсенова').check();
    // The preview: the start in each targeted region's own zone.
    const preview = page.getByRole('region', { name: ru['schedule.preview'] });
    await preview.getByText('Asia/Qostanay').waitFor();
    await preview.getByText('Asia/Almaty').waitFor();
    // A limit only the API knows: its message lands next to the field.
    await page.getByLabel(ru['schedule.capacity'], { exact: true }).fill('99999999999');
    await page.getByRole('button', { name: ru['schedule.submit'], exact: true }).click();
    // The API's English rule ("capacity must not be greater than ..."), said in the page's language.
    expect(ERROR_STRINGS.ru['rule.max']).toBe('не больше {n}');
    await page
      .locator('.field.has-error', { hasText: ru['schedule.capacity'] })
      .getByText(/^Не больше \d+\.$/)
      .waitFor();
    expect(posts).toHaveLength(1);
    await shot(page, '02-schedule-form-errors');
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(ru['schedule.capacity'], { exact: true }).fill('');
    await page.getByRole('button', { name: ru['schedule.submit'], exact: true }).click();
    await page.waitForURL(/\/app\/organizer\/sessions\/[0-9a-f-]{36}$/);
    sessionId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'Как проходит внутрипартийный отбор' }).waitFor();
    page.off('request', onRequest);
    await shot(page, '03-session-overview');
    await expectNoSeriousA11yViolations(page);
    const res = await stack.api.http.get(`/sessions/${sessionId}`).set(await authOf(organizer.email));
    expect(res.body.startAt.ofRecord.local.slice(0, 16)).toBe(liveStartLocal);
    expect(res.body.timeZone).toBe('Asia/Almaty');
    expect(res.body.targetRegions.map((r: { code: string }) => r.code).sort()).toEqual(['KZ-39', 'KZ-55']);
  });

  it('warns about a speaker booked elsewhere at that time and books anyway on request', async () => {
    const { page } = org;
    await page.goto(url(`/app/organizer/programs/${programId}/schedule`));
    await page.getByLabel(ru['lang.inRu']).fill('Параллельная встреча');
    await page.getByLabel(ru['schedule.start']).fill(liveStartLocal);
    await page.getByLabel(ru['schedule.joinUrl']).fill('https://meet.example.kz/other');
    await page.getByLabel('Әлия Сәрсенова').check();
    await page.getByRole('button', { name: ru['schedule.submit'], exact: true }).click();
    const warning = page.locator('.notice-warn', { hasText: ru['conflict.title'] });
    await warning.getByText(/Әлия Сәрсенова: «Как проходит внутрипартийный отбор»/).waitFor();
    // The time of the other booking says its zone.
    await warning.getByText(/\(UTC[+−]\d+\)/).waitFor();
    await shot(page, '04-speaker-conflict');
    await expectNoSeriousA11yViolations(page);
    await warning.getByRole('button', { name: ru['conflict.bookAnyway'] }).click();
    await page.getByRole('heading', { name: 'Параллельная встреча' }).waitFor();
  });

  it('imports a roster from CSV: a bad file shows every bad row and changes nothing, a good one fills the table', async () => {
    const { page } = org;
    await page.goto(url(`/app/organizer/sessions/${sessionId}/roster`));
    await page.getByText(ru['roster.empty']).waitFor();
    await page.getByLabel(ru['roster.csv']).fill('region_code,expected\nKZ-55,1\nKZ-99,5\nKZ-39,lots\n');
    await page.getByRole('button', { name: ru['roster.importButton'] }).click();
    const errors = page.locator('.notice-error', {
      hasText: COUNT_STRINGS.ru.rowsFailed.few!.replace('{n}', '2'),
    });
    await errors.getByText('Строка 3:').waitFor();
    await errors.getByText('Строка 4:').waitFor();
    await shot(page, '05-roster-csv-errors');
    await expectNoSeriousA11yViolations(page);
    await page.reload();
    await page.getByText(ru['roster.empty']).waitFor();

    await page.getByLabel(ru['roster.csv']).fill('region_code,expected\nKZ-55,1\nKZ-39,1\n');
    await page.getByRole('button', { name: ru['roster.importButton'] }).click();
    await page.getByText(ru['roster.imported']).waitFor();
    const rows = page.locator('table tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await page.locator('tfoot', { hasText: ru['roster.totals'] }).waitFor();
    await shot(page, '06-roster');
    await expectNoSeriousA11yViolations(page);
  });

  /** Registers a new attendee and returns the personal join link from the e-mail the worker sent them. */
  async function joinLink(regionId: number, timeZone: string, name: string): Promise<string> {
    const a = await stack.api.signIn({ homeRegionId: regionId, timeZone, displayName: name, language: 'ru' });
    const reg = await stack.api.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(a.auth)
      .send({})
      .expect(201);
    expect(reg.body.status).toBe('registered');
    const link = await waitFor(`an e-mail with a join link to ${a.email}`, () => {
      const mail = stack.mail.messages.find((m) => m.to.includes(a.email) && m.text.includes('/join/'));
      return mail?.text.match(/https?:\/\/\S+\/join\/\S+/)?.[0];
    });
    expect(link.startsWith(url(`/join/${reg.body.id}?t=`))).toBe(true);
    return link;
  }

  /** Every console page, with a Kazakh string that shows it has rendered. */
  const consolePages = (): (readonly [string, string])[] => [
    ['/app/organizer', kk['programs.new']],
    [`/app/organizer/programs/${programId}`, kk['program.modules']],
    [`/app/organizer/programs/${programId}/schedule`, kk['schedule.preview']],
    ['/app/organizer/speakers', kk['speakers.new']],
    [`/app/organizer/sessions/${sessionId}`, kk['session.start']],
    [`/app/organizer/sessions/${sessionId}/sections`, kk['sections.new']],
    [`/app/organizer/sessions/${sessionId}/registrations`, kk['registrations.promote']],
    [`/app/organizer/sessions/${sessionId}/roster`, kk['roster.import']],
    [`/app/organizer/sessions/${sessionId}/reminders`, kk['reminders.planned']],
    [`/app/organizer/sessions/${sessionId}/live`, kk['dashboard.liveNow']],
    [`/app/organizer/sessions/${sessionId}/questions`, kk['qa.pending']],
    [`/app/organizer/sessions/${sessionId}/report`, kk['report.byRegion']],
    ['/app/', kk['home.mySessions']],
  ];

  const figure = (page: Page, regionId: number, name: string) =>
    page.locator(`.region-line[data-region-id="${regionId}"] [data-figure="${name}"]`);

  it('runs a live session: two attendees by join link, 1 and 1 against the roster, Q&A moderated and upvoted live', async () => {
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}`));
    await o.getByLabel(ru['settings.premoderation']).check();
    await o.getByRole('button', { name: ru['action.save'] }).first().click();
    await o.getByText(ru['settings.saved']).waitFor();

    phone = await viewer({ phone: true, timezoneId: 'Asia/Almaty' });
    laptop = await viewer({ timezoneId: 'Asia/Qostanay' });
    const [linkA, linkB] = [
      await joinLink(pavlodar, 'Asia/Almaty', 'Дәурен Оспанов'),
      await joinLink(kostanay, 'Asia/Qostanay', 'Жанар Әбенова'),
    ];
    await phone.page.goto(linkA);
    await laptop.page.goto(linkB);
    for (const { page } of [phone, laptop]) {
      await page.getByRole('heading', { name: ru['live.startsSoon'] }).waitFor();
      await page.getByRole('timer').waitFor();
      const video = page.getByRole('link', { name: ru['live.openVideo'] });
      expect(await video.getAttribute('href')).toBe('https://meet.example.kz/primaries-1');
      // The token left the address bar once read.
      expect(page.url()).not.toContain('t=');
    }
    // Kostanay's viewer sees the session's own zone beside the local time.
    await laptop.page.locator('.live-head .record-zone', { hasText: 'Asia/Almaty' }).waitFor();
    await shot(phone.page, '07-attendee-phone-before-start');
    await expectNoSeriousA11yViolations(phone.page);

    await o.goto(url(`/app/organizer/sessions/${sessionId}/live`));
    for (const region of [pavlodar, kostanay]) {
      await expectText(figure(o, region, 'live'), '1');
      await expectText(figure(o, region, 'expected'), '1');
    }
    await expectText(o.locator('[data-testid="totals"] [data-figure="live"]'), '2');
    await shot(o, '08-live-dashboard');
    await expectNoSeriousA11yViolations(o);

    // An attendee asks; pre-moderation holds it back from the audience.
    const p = phone.page;
    await p.getByLabel(ru['ask.label']).fill(QUESTION);
    await p.getByRole('button', { name: ru['ask.submit'] }).click();
    await p.getByText(ru['ask.pending']).waitFor();
    await p.locator('.qlist.mine .q-text', { hasText: QUESTION }).waitFor();
    // Under one's own waiting question the page does not also say "no questions yet".
    await expect(p.getByText(ru['questions.none']).count()).resolves.toBe(0);
    await expect(laptop.page.getByText(ru['questions.none']).count()).resolves.toBe(1);
    await expect(laptop.page.getByText(QUESTION).count()).resolves.toBe(0);

    await o.goto(url(`/app/organizer/sessions/${sessionId}/questions`));
    const pending = o.locator('.qgroup-pending .q', { hasText: QUESTION });
    await pending.waitFor();
    await shot(o, '09-moderation-pending');
    await expectNoSeriousA11yViolations(o);
    await pending.getByRole('button', { name: ru['qa.approve'] }).click();
    await o.locator('.qgroup-approved .q', { hasText: QUESTION }).waitFor();

    // The other attendee sees it arrive and supports it; everyone sees the vote.
    const onLaptop = laptop.page.locator('.qlist .q', { hasText: QUESTION });
    await onLaptop.waitFor();
    await onLaptop.getByRole('button', { name: EXTRA_STRINGS.ru['questions.upvote'] }).click();
    await expectText(onLaptop.locator('.vote .vote-n'), '1');
    // The count can come in on the room's broadcast before the voter's own ack marks the button.
    await onLaptop.locator('.vote[aria-pressed="true"]').waitFor();
    await expectText(p.locator('.qlist:not(.mine) .q', { hasText: QUESTION }).locator('.vote .vote-n'), '1');
    await expectText(o.locator('.qgroup-approved .q', { hasText: QUESTION }).locator('.votes .vote-n'), '1');
    await shot(laptop.page, '10-attendee-question-upvoted');
    await expectNoSeriousA11yViolations(laptop.page);

    await o
      .locator('.qgroup-approved .q', { hasText: QUESTION })
      .getByRole('button', { name: ru['qa.markAnswered'] })
      .click();
    await laptop.page.locator('.qlist.answered .q', { hasText: QUESTION }).waitFor();
    await shot(phone.page, '11-attendee-phone-answered');
    await expectNoSeriousA11yViolations(phone.page);

    // Typed as text, shown as text: the markup never ran.
    for (const page of [o, p, laptop.page]) {
      expect(await page.evaluate('window.__xss')).toBeUndefined();
    }
  });

  it('comes back after a lost connection without a duplicate in the counts', async () => {
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}/live`));
    await expectText(o.locator('[data-testid="totals"] [data-figure="live"]'), '2');
    await stack.stopGateway();
    await laptop.page.getByText(ru['live.reconnecting']).waitFor();
    await shot(laptop.page, '12-attendee-connection-lost');
    await expectNoSeriousA11yViolations(laptop.page);
    await stack.startGateway();
    await laptop.page.getByText(ru['live.reconnected']).waitFor();
    await o.getByText(ru['live.reconnected']).waitFor();
    for (const region of [pavlodar, kostanay]) await expectText(figure(o, region, 'live'), '1');
    // Stays at one person per region (each re-joined; the gateway counts people, not sockets).
    for (let i = 0; i < 6; i++) {
      await o.waitForTimeout(500);
      expect(await figure(o, pavlodar, 'live').textContent()).toBe('1');
      expect(await figure(o, kostanay, 'live').textContent()).toBe('1');
      expect(await o.locator('[data-testid="totals"] [data-figure="live"]').textContent()).toBe('2');
    }
    // Questions still flow after the reconnect.
    await laptop.page.getByLabel(ru['ask.label']).fill('Жазбасы болады ма?');
    await laptop.page.getByRole('button', { name: ru['ask.submit'] }).click();
    await laptop.page.getByText(ru['ask.pending']).waitFor();
  });
  it('switches an attendee page to Kazakh: every UI string changes, none in English remains', async () => {
    const page = laptop.page;
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByRole('heading', { name: kk['ask.title'] }).waitFor();
    await page.getByRole('heading', { name: kk['live.startsSoon'] }).waitFor();
    expect(await englishLeftOver(page)).toEqual([]);
    expect(await kazakhShown(page)).toBeGreaterThanOrEqual(10);
    // Remembered on this device (no account behind a join link).
    await page.reload();
    await page.getByRole('heading', { name: kk['ask.title'] }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('kk');
    await shot(page, '13-attendee-kk');
    await expectNoSeriousA11yViolations(page);
    // The phone attendee fits 360 px in either language.
    await phone.page.getByRole('button', { name: 'Қазақша' }).click();
    await phone.page.getByRole('heading', { name: kk['ask.title'] }).waitFor();
    expect(await englishLeftOver(phone.page)).toEqual([]);
    expect((await horizontalOverflow(phone.page)).scrollWidth).toBeLessThanOrEqual(360);
    await shot(phone.page, '14-attendee-phone-kk');
    await expectNoSeriousA11yViolations(phone.page);
  });

  it('ends the session: attendees are told, the report shows regions and people, the CSV downloads', async () => {
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}`));
    await o.getByRole('button', { name: ru['session.endNow'] }).click();
    // Ending cannot be undone: the console asks first.
    await o
      .getByRole('dialog', { name: ORGANIZER_STRINGS.ru['confirm.endTitle'] })
      .getByRole('button', { name: ORGANIZER_STRINGS.ru['confirm.end'] })
      .click();
    await o.locator('.chip', { hasText: ru['session.ended'] }).first().waitFor();
    // The page learns it from session:state when the gateway relays it, else on its next load.
    for (const page of [phone.page, laptop.page]) {
      await page.reload();
      await page.getByText(kk['live.ended'], { exact: true }).waitFor();
    }
    await shot(laptop.page, '15-attendee-ended-kk');
    await expectNoSeriousA11yViolations(laptop.page);

    await o.goto(url(`/app/organizer/sessions/${sessionId}/report`));
    await o.getByRole('heading', { name: ru['report.byRegion'] }).waitFor();
    const byRegion = o.locator('table').first();
    await byRegion.getByRole('rowheader', { name: 'Павлодарская область' }).waitFor();
    await byRegion.getByRole('rowheader', { name: 'Костанайская область' }).waitFor();
    const people = o.locator('table').nth(1);
    await people.getByRole('rowheader', { name: 'Дәурен Оспанов' }).waitFor();
    await people.getByRole('rowheader', { name: 'Жанар Әбенова' }).waitFor();
    await o.getByRole('heading', { name: ru['report.completions'] }).waitFor();
    await shot(o, '16-report');
    await expectNoSeriousA11yViolations(o);
    const [download] = await Promise.all([
      o.waitForEvent('download'),
      o.getByRole('button', { name: ru['report.csv'] }).click(),
    ]);
    const { readFileSync } = await import('fs');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Дәурен Оспанов');
    expect(csv).toContain('Жанар Әбенова');
  });

  it('shows the whole console in Kazakh once the organizer switches, and remembers it in the profile', async () => {
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}`));
    await o.getByRole('button', { name: 'Қазақша' }).click();
    await o.getByRole('link', { name: kk['tab.overview'] }).waitFor();
    // Saved with PATCH /me: a fresh sign-in elsewhere comes up in Kazakh.
    const me = await stack.api.http
      .get('/me')
      .set(await authOf(organizer.email))
      .expect(200);
    expect(me.body.language).toBe('kk');
    const pages = consolePages();
    for (const [path, marker] of pages) {
      await o.goto(url(path));
      await o.getByText(marker).first().waitFor();
      await o.waitForLoadState('networkidle');
      expect({ path, english: await englishLeftOver(o) }).toEqual({ path, english: [] });
      expect(await kazakhShown(o)).toBeGreaterThanOrEqual(5);
      await expectNoSeriousA11yViolations(o);
    }
    await o.goto(url(`/app/organizer/sessions/${sessionId}/reminders`));
    await o.locator('[data-testid="reminder-counts"]').waitFor();
    await shot(o, '17-reminders-kk');
    await expectNoSeriousA11yViolations(o);
  });

  it('fits every console page on a 360 px phone without sideways scrolling', async () => {
    const small = await viewer({ phone: true });
    await signInThroughForm(small.page, organizer.email);
    await small.page.getByRole('link', { name: kk['nav.console'], exact: true }).waitFor();
    for (const [path, marker] of [...consolePages(), ['/app/signin', kk['signin.title']] as const]) {
      await small.page.goto(url(path));
      await small.page.getByText(marker).first().waitFor();
      await small.page.waitForLoadState('networkidle');
      const { scrollWidth } = await horizontalOverflow(small.page);
      expect({ path, scrollWidth }).toEqual({ path, scrollWidth: Math.min(scrollWidth, 360) });
      await expectNoSeriousA11yViolations(small.page);
      if (path.endsWith('/schedule')) await shot(small.page, '18-phone-schedule-kk');
    }
    await small.page.goto(url(`/app/organizer/sessions/${sessionId}/live`));
    await small.page.locator('[data-testid="totals"]').waitFor();
    await shot(small.page, '19-phone-dashboard-kk');
    await expectNoSeriousA11yViolations(small.page);
  });

  describe('states of the attendee page', () => {
    let attendee: Awaited<ReturnType<WebStack['api']['signIn']>>;

    /** A session of the program starting `startInMinutes` from now, the attendee registered, and their link. */
    async function sessionWithLink(startInMinutes: number, minutes = 60) {
      const start = DateTime.now().plus({ minutes: startInMinutes }).startOf('minute');
      const s = await createSession(stack.api.ds, programId, {
        title: { kk: 'Шешендік өнер', ru: 'Ораторское искусство' },
        startAt: start.toJSDate(),
        endAt: start.plus({ minutes }).toJSDate(),
        joinUrl: 'https://meet.example.kz/oratory',
      });
      const reg = await stack.api.http
        .post(`/sessions/${s.id}/registrations`)
        .set(attendee.auth)
        .send({})
        .expect(201);
      const tok = await stack.api.http
        .get(`/me/registrations/${reg.body.id}/join-token`)
        .set(attendee.auth)
        .expect(200);
      return { session: s, link: url(`/join/${reg.body.id}?t=${tok.body.token}`) };
    }

    beforeAll(async () => {
      attendee = await stack.api.signIn({
        homeRegionId: pavlodar,
        timeZone: 'Asia/Almaty',
        displayName: 'Арман Ахметов',
        language: 'ru',
        password: PASSWORD,
      });
    });

    it('before the join window: not open yet, a countdown, and the time it opens', async () => {
      const { link, session } = await sessionWithLink(2 * 24 * 60);
      const { page } = await viewer({ phone: true });
      await page.goto(link);
      await page.getByRole('heading', { name: ru['live.notOpen'] }).waitFor();
      await page.getByRole('heading', { name: 'Ораторское искусство' }).waitFor();
      await expect(page.getByRole('timer').textContent()).resolves.toMatch(
        /2 дня \d\d:\d\d:\d\d|1 день 23:\d\d:\d\d/,
      );
      await page.getByText(ru['live.opensAt']).waitFor();
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      await shot(page, '20-attendee-not-open');
      await expectNoSeriousA11yViolations(page);
      // The organizer sees that attendee's reminders planned (24 h, 1 h, 10 min before).
      await org.page.goto(url(`/app/organizer/sessions/${session.id}/reminders`));
      await expectText(org.page.locator('[data-testid="reminder-counts"] [data-figure="planned"]'), '3');
      await org.page.locator('tbody th', { hasText: 'Арман Ахметов' }).waitFor();
      await shot(org.page, '20b-reminders-planned');
      await expectNoSeriousA11yViolations(org.page);
    });

    it('a join link asks for each page of the questions once, before the app has loaded', async () => {
      const { link, session } = await sessionWithLink(-5, 60);
      // 450 approved questions: three pages of the join view (200 a page).
      await stack.api.ds.query(
        `INSERT INTO questions (session_id, author_id, region_id, text, anonymous, status, pinned, upvotes)
         SELECT $1, $2, $3, 'Сұрақ ' || g, false, 'approved', false, g % 7 FROM generate_series(1, 450) g`,
        [session.id, attendee.id, pavlodar],
      );
      const { page } = await viewer({ phone: true });
      const views: { page: number; order: string }[] = [];
      let bootRequestedAfterFirstView = false;
      let grantRequests = 0;
      // In the order seen: requests for pages, and the first page's answer.
      const events: string[] = [];
      page.on('response', (r) => {
        if (
          r.url().endsWith('/app/join-view') &&
          JSON.parse(r.request().postData() ?? '{}').questionsPage === 1
        )
          events.push('answer 1');
      });
      page.on('request', (r) => {
        if (r.url().includes('/room-grants/') || r.url().endsWith('/room-grant')) grantRequests++;
        if (r.url().endsWith('/app/join-view')) {
          const body = JSON.parse(r.postData() ?? '{}') as { questionsPage: number; questionsOrder: string };
          views.push({ page: body.questionsPage, order: body.questionsOrder });
          events.push(`ask ${body.questionsPage}`);
        }
        if (/\/assets\/boot-[^/]+\.js$/.test(r.url()) && views.length) bootRequestedAfterFirstView = true;
      });
      await page.goto(link);
      await expectText(page.locator('.questions h2 .count'), '(450)');

      await page.locator('form button[type=submit]:not([disabled])').waitFor();
      // Pages 2 and 3 once each: the early answers were taken, not asked for again. (Page 1 may be
      // asked again later: it also carries the session, which the page refreshes on its own.)
      const laterPages = () =>
        views
          .filter((v) => v.order === 'votes' && v.page > 1)
          .map((v) => v.page)
          .sort();
      expect(laterPages()).toEqual([2, 3]);
      expect(views[0]).toEqual({ page: 1, order: 'votes' });
      // The first page was asked for by the entry, not after React and the app had arrived; and
      // since the api wrote the page count into the page, all three at once, before any answer.
      expect(bootRequestedAfterFirstView).toBe(false);
      expect(await page.locator('meta[name="qatys-question-pages"]').getAttribute('content')).toBe('3');
      expect(events.slice(0, 3).sort()).toEqual(['ask 1', 'ask 2', 'ask 3']);
      // The video is the session's plain link (the join view said so): drawn with no grant request.
      await expect(page.getByRole('link', { name: ru['live.openVideo'] }).getAttribute('href')).resolves.toBe(
        'https://meet.example.kz/oratory',
      );
      expect(grantRequests).toBe(0);
      const marks = (await page.evaluate(
        `performance.getEntriesByType('mark').map((m) => m.name)`,
      )) as string[];
      expect(marks).toEqual(
        expect.arrayContaining(['qatys.boot', 'qatys.live.joined', 'qatys.live.questions']),
      );
      // A reload (the token now kept for the tab, not in the address, so no count in the page):
      // the count the tab kept from the last load has all three asked for at once again.
      views.length = 0;
      events.length = 0;
      await page.reload();
      await expectText(page.locator('.questions h2 .count'), '(450)');
      expect(await page.locator('meta[name="qatys-question-pages"]').count()).toBe(0);
      expect(laterPages()).toEqual([2, 3]);
      expect(events.slice(0, 3).sort()).toEqual(['ask 1', 'ask 2', 'ask 3']);

      // With no count kept either, the first page says how many there are; each still goes once.
      await page.evaluate(`sessionStorage.removeItem('qatys.join-pages.${session.id}')`);
      views.length = 0;
      events.length = 0;
      await page.reload();
      await expectText(page.locator('.questions h2 .count'), '(450)');
      expect(laterPages()).toEqual([2, 3]);
      expect(views[0]).toEqual({ page: 1, order: 'votes' });
      expect(events.indexOf('answer 1')).toBeLessThan(events.indexOf('ask 2'));
    });

    it('after the end, after a cancellation, and without a seat: each says so plainly', async () => {
      const ended = await sessionWithLink(-30, 60);
      await stack.api.http
        .post(`/sessions/${ended.session.id}/status`)
        .set(await authOf(organizer.email))
        .send({ status: 'ended' })
        .expect(200);
      const cancelled = await sessionWithLink(60);
      await stack.api.http
        .post(`/sessions/${cancelled.session.id}/cancel`)
        .set(await authOf(organizer.email))
        .send({ reason: 'Спикер ауырып қалды' })
        .expect(200);
      const { page } = await viewer();
      await page.goto(ended.link);
      await page.getByText(ru['live.ended'], { exact: true }).waitFor();
      await shot(page, '21-attendee-ended');
      await expectNoSeriousA11yViolations(page);
      await page.goto(cancelled.link);
      await page.getByText(ru['live.cancelled'], { exact: true }).waitFor();
      await shot(page, '22-attendee-cancelled');
      await expectNoSeriousA11yViolations(page);

      // Signed in, but not registered for that session.
      const other = await stack.api.signIn({
        homeRegionId: kostanay,
        password: PASSWORD,
        displayName: 'Айдана Серік',
      });
      const open = await sessionWithLink(5);
      const second = await viewer();
      await signInThroughForm(second.page, other.email);
      await second.page.getByRole('heading', { name: ru['home.mySessions'] }).waitFor();
      await second.page.goto(url(`/app/s/${open.session.id}`));
      await second.page.getByText(ru['live.noRight'], { exact: true }).waitFor();
      await shot(second.page, '23-attendee-no-seat');
      await expectNoSeriousA11yViolations(second.page);
    });

    it('a forged or expired link says the link is no longer valid', async () => {
      const { link } = await sessionWithLink(5);
      const [, token] = link.split('?t=');
      const [head, body] = token.split('.');
      const { page } = await viewer();
      await page.goto(url(`/join/x?t=${head}.${body}.forgedsignature`));
      await page.getByText(ru['live.linkExpired'], { exact: true }).waitFor();
      await page.goto(url('/join/x'));
      await page.getByText(ru['live.linkBroken'], { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
    });

    it('signed in: my registrations with an add-to-calendar link, and the session page from there', async () => {
      const { session } = await sessionWithLink(5);
      const { page } = await viewer({ phone: true });
      await signInThroughForm(page, attendee.email);
      await page.getByRole('heading', { name: ru['home.mySessions'] }).waitFor();
      const item = page.locator('.list-item', { hasText: 'Ораторское искусство' }).first();
      const ics = await item.getByRole('link', { name: ru['home.addToCalendar'] }).getAttribute('href');
      const res = await fetch(url(ics!));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
      expect(await res.text()).toContain('BEGIN:VEVENT');
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(360);
      await shot(page, '24-my-sessions-phone');
      await expectNoSeriousA11yViolations(page);
      await page.goto(url(`/app/s/${session.id}`));
      await page.getByRole('heading', { name: ru['live.startsSoon'] }).waitFor();
      await page.getByRole('link', { name: ru['live.openVideo'] }).waitFor();
      await expectNoSeriousA11yViolations(page);
    });
  });

  it('says plainly when the sign-in expired or the server cannot be reached, never a blank page', async () => {
    const { page, context } = await viewer();
    await context.addInitScript(`localStorage.setItem('qatys.auth', JSON.stringify({
      accessToken: 'expired.token.value', refreshToken: 'revoked-refresh-token-000000',
      user: { id: 'x', email: 'x@x.kz', displayName: 'X', language: 'ru', timeZone: 'Asia/Almaty', homeRegionId: null, roles: ['attendee'], coordinatorRegionIds: [] }
    }))`);
    await page.goto(url('/app/'));
    await page.getByText(ru['auth.expired']).waitFor();
    await page.getByRole('heading', { name: ru['home.welcome'] }).waitFor();
    await shot(page, '25-sign-in-expired');
    await expectNoSeriousA11yViolations(page);

    const fresh = await viewer();
    await signInThroughForm(fresh.page, organizer.email);
    await fresh.page.getByRole('link', { name: kk['nav.console'], exact: true }).waitFor();
    await fresh.page.route('**/me/registrations**', (r) => r.abort('internetdisconnected'));
    await fresh.page.goto(url('/app/'));
    await fresh.page.getByText(kk['error.network']).waitFor();
    await shot(fresh.page, '26-server-unreachable');
    await expectNoSeriousA11yViolations(fresh.page);
    await fresh.page.unroute('**/me/registrations**');
    await fresh.page.getByRole('button', { name: kk['action.retry'] }).click();
    await fresh.page.getByText(kk['home.none']).waitFor();
  });
});
