/**
 * The defects people met in the browser (issue 13), each seen failing here first, in real
 * Chromium against the real api, worker and gateway: the attendee page while the organizer has
 * already started the session, the "question sent" notice, one's own votes and waiting question
 * after a reload, server messages on kk/ru pages, the vote button's name, the dashboard's
 * figures, times without a zone, the 12-hour clock of the date-time field in en-US, words broken
 * mid-word on a phone. Every page visited is checked with axe-core.
 */
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { createOrganization, createProgram, createSession, regionByCode } from '../support/factories';
import { en, kk, ru } from '../../apps/web/src/i18n/strings';
import { ERROR_STRINGS } from '../../apps/web/src/i18n/error-strings';
import { EXTRA_STRINGS } from '../../apps/web/src/i18n/extra-strings';
import {
  CHROMIUM_PATH,
  englishLeftOver,
  ensureWebBuild,
  hasChromium,
  launchChromium,
  openViewer,
  shot,
  Viewer,
} from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';
import { waitFor } from '../support/wait';

if (!hasChromium) {
  console.warn(
    `\n!!!!! [web-defects] NO CHROMIUM at ${CHROMIUM_PATH}: this browser suite is SKIPPED !!!!!\n`,
  );
}
const browserDescribe = hasChromium ? describe : describe.skip;

const PASSWORD = 'correct horse battery';

/** Words that a page broke inside (not at a space or a hyphen): "Зарегистрирован|о". */
async function wordsBrokenMidWord(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('.sr-only, textarea, script, style')) continue;
      const re = /[\\p{L}\\p{N}]{2,}/gu;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        // A very long token (a link, a code) may wrap inside: only words a person would read.
        if (m[0].length > 24) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  })()`);
}

browserDescribe('web app defects in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];
  let programId: string;
  let sessionId: string;
  let organizer: { email: string; id: string; auth: { Authorization: string } };
  let pavlodar: number;
  /** The attendee by join link (phone) and the organizer's window. */
  let phone: Viewer;
  let org: Viewer;
  let joinLink: string;
  const QUESTION = 'Нәтижелер қашан жарияланады?';

  const url = (path: string) => `${stack.baseUrl}${path}`;
  async function viewer(opts: Parameters<typeof openViewer>[1] = {}): Promise<Viewer> {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  }
  /** Signs in through the form in the device's language (ru, or en in an en-US browser), until the console link shows. */
  async function signInThroughForm(page: Page, email: string, strings: typeof ru = ru): Promise<void> {
    await page.goto(url('/app/signin'));
    await page.getByLabel(strings['signin.email']).fill(email);
    await page.getByLabel(strings['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: strings['action.signIn'] }).click();
    await page.locator('header a[href="/app/organizer"]').waitFor();
  }
  async function registeredWithLink(
    name: string,
  ): Promise<{ link: string; auth: { Authorization: string } }> {
    const a = await stack.api.signIn({ homeRegionId: pavlodar, timeZone: 'Asia/Almaty', displayName: name });
    const reg = await stack.api.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(a.auth)
      .send({})
      .expect(201);
    const tok = await stack.api.http
      .get(`/me/registrations/${reg.body.id}/join-token`)
      .set(a.auth)
      .expect(200);
    return { link: url(`/join/${reg.body.id}?t=${tok.body.token}`), auth: a.auth };
  }
  const mineList = (p: Page) => p.locator('.qlist.mine .q-text', { hasText: QUESTION });

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const ds = stack.api.ds;
    pavlodar = (await regionByCode(ds, 'KZ-55')).id;
    const organization = await createOrganization(ds, 'Академия');
    programId = (
      await createProgram(ds, {
        organizationId: organization.id,
        title: { kk: 'Саяси мектеп', ru: 'Политическая школа' },
        status: 'published',
      })
    ).id;
    const signed = await stack.api.signIn({
      email: `organizer-defects-${Date.now()}@test.qatys`,
      password: PASSWORD,
      displayName: 'Гүлнар Сейітова',
      roles: ['organizer', 'moderator'],
      organizationId: organization.id,
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    organizer = { email: signed.email, id: signed.id, auth: signed.auth };
    const start = DateTime.now().plus({ minutes: 5 }).startOf('minute');
    sessionId = (
      await createSession(ds, programId, {
        title: { kk: 'Сайлау алдындағы дебат', ru: 'Предвыборные дебаты' },
        startAt: start.toJSDate(),
        endAt: start.plus({ minutes: 90 }).toJSDate(),
        joinUrl: 'https://meet.example.kz/debate',
      })
    ).id;
    await stack.api.http
      .put(`/sessions/${sessionId}/roster`)
      .set(organizer.auth)
      .send({ entries: [{ regionCode: 'KZ-55', expected: 3 }] })
      .expect(200);
    joinLink = (await registeredWithLink('Дәурен Оспанов')).link;
  });

  afterAll(async () => {
    for (const v of viewers) await v.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    const errors = viewers.flatMap((v) => v.errors.splice(0));
    expect(errors).toEqual([]);
  });

  it('shows the session live, not a countdown, once the organizer started it before the scheduled time', async () => {
    phone = await viewer({ phone: true, timezoneId: 'Asia/Almaty' });
    const p = phone.page;
    await p.goto(joinLink);
    await p.getByRole('heading', { name: ru['live.startsSoon'] }).waitFor();
    await p.getByRole('timer').waitFor();
    await expectNoSeriousA11yViolations(p);

    await stack.api.http
      .post(`/sessions/${sessionId}/status`)
      .set(organizer.auth)
      .send({ status: 'live' })
      .expect(200);
    // Told by session:state, or on the next load at the latest.
    await p.reload();
    await p.getByRole('heading', { name: ru['live.liveNow'] }).waitFor();
    await expect(p.getByRole('timer').count()).resolves.toBe(0);
    await expect(p.getByText(ru['live.startsIn']).count()).resolves.toBe(0);
    await shot(p, 'd01-live-before-scheduled-start');
    await expectNoSeriousA11yViolations(p);
  });

  it('says "sent" in the language switched to, then puts the notice away', async () => {
    const p = phone.page;
    await p.getByLabel(ru['ask.label']).fill(QUESTION);
    await p.getByRole('button', { name: ru['ask.submit'] }).click();
    await p.getByText(ru['ask.pending']).waitFor();
    await p.getByRole('button', { name: 'Қазақша' }).click();
    await p.getByText(kk['ask.pending']).waitFor();
    await expect(p.getByText(ru['ask.pending']).count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(p);
    await waitFor(
      'the sent notice to go away',
      async () => (await p.getByText(kk['ask.pending']).count()) === 0,
    );
  });

  it('keeps a join-link visitor’s waiting question after a reload', async () => {
    const p = phone.page;
    await mineList(p).waitFor();
    await p.reload();
    await p.getByRole('heading', { name: kk['ask.title'] }).waitFor();
    await mineList(p).waitFor();
    await expect(p.getByText(kk['questions.none']).count()).resolves.toBe(0);
    await shot(p, 'd02-pending-after-reload-kk');
  });

  it('moderates with times that say their zone, and the question list in the console passes axe', async () => {
    org = await viewer();
    await signInThroughForm(org.page, organizer.email);
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}/questions`));
    const pending = o.locator('.qgroup-pending .q', { hasText: QUESTION });
    await pending.waitFor();
    await expect(pending.locator('.q-meta').textContent()).resolves.toMatch(/\d\d:\d\d \(UTC[+−]\d+\)/);
    await expectNoSeriousA11yViolations(o);
    await pending.getByRole('button', { name: ru['qa.approve'] }).click();
    await o.locator('.qgroup-approved .q', { hasText: QUESTION }).waitFor();
  });

  it('names the vote button with what it shows, and remembers one’s vote after a reload', async () => {
    const other = await registeredWithLink('Жанар Әбенова');
    const second = await viewer({ timezoneId: 'Asia/Almaty' });
    const s = second.page;
    await s.goto(other.link);
    const item = s.locator('.qlist:not(.mine) .q', { hasText: QUESTION });
    await item.waitFor();
    // Label in name: the visible "▲ 0" is where the accessible name starts ("0 голосов, поддержать вопрос").
    const vote = item.getByRole('button', {
      name: `0 голосов, ${EXTRA_STRINGS.ru['questions.upvote']}`,
      exact: true,
    });
    await vote.waitFor().catch(async (e) => {
      throw new Error(`${e}\n${await item.ariaSnapshot()}`);
    });
    // What is visible on it ("▲ 0": the triangle is decoration) is where the name starts.
    await expect(vote.locator(':scope > :not(.sr-only)').allTextContents()).resolves.toEqual(['▲ ', '0']);
    // With the keyboard: focus it, press Enter; the focus ring is visible.
    await vote.focus();
    await expect(vote.evaluate('(el) => getComputedStyle(el).outlineStyle')).resolves.not.toBe('none');
    await s.keyboard.press('Enter');
    await item.getByRole('button', { name: `1 голос, ${EXTRA_STRINGS.ru['questions.upvote']}` }).waitFor();
    expect(await item.locator('.vote').getAttribute('aria-pressed')).toBe('true');
    await expectNoSeriousA11yViolations(s);

    await s.reload();
    const again = s.locator('.qlist:not(.mine) .q', { hasText: QUESTION });
    await again.locator('.vote-n', { hasText: '1' }).waitFor();
    await waitFor(
      'the vote remembered after the reload',
      async () => (await again.locator('.vote').getAttribute('aria-pressed')) === 'true',
    );
    // The next click takes the vote back (it is known to be there), and only then.
    await again.locator('.vote').click();
    await again.locator('.vote-n', { hasText: '0' }).waitFor();
    expect(await again.locator('.vote').getAttribute('aria-pressed')).toBe('false');
    await shot(s, 'd03-vote-remembered');
  });

  it('keeps live-now apart from joined-so-far on the dashboard, with the update time’s zone', async () => {
    const o = org.page;
    await o.goto(url(`/app/organizer/sessions/${sessionId}/live`));
    const line = o.locator(`.region-line[data-region-id="${pavlodar}"]`);
    await line.locator('[data-figure="expected"]', { hasText: '3' }).waitFor();
    await line.locator('[data-figure="joined"]', { hasText: '2' }).waitFor();
    const text = (await line.locator('.region-figures').innerText()).replace(/\s+/g, ' ');
    // Not "2 / 3 · 66,7 %": live now has its own words, joined is counted against expected.
    expect(text).not.toMatch(/\d+ \/ \d+/);
    expect(text).toContain(EXTRA_STRINGS.ru['dashboard.liveShort']);
    expect(text).toMatch(/подключились 2 из 3 \(66,7 %\)/);
    await expect(o.locator('.dashboard .meta').first().textContent()).resolves.toMatch(/\(UTC[+−]\d+\)/);
    await shot(o, 'd04-dashboard');
    await expectNoSeriousA11yViolations(o);
  });

  it('shows the API’s refusals in Kazakh: roster rows and a field the API found too long', async () => {
    const o = org.page;
    await o.getByRole('button', { name: 'Қазақша' }).click();
    await o.goto(url(`/app/organizer/sessions/${sessionId}/roster`));
    await o.getByLabel(kk['roster.csv']).fill('region_code,expected\nKZ-55,1\nKZ-99,5\nKZ-39,lots\n');
    await o.getByRole('button', { name: kk['roster.importButton'] }).click();
    const notice = o.locator('.notice-error');
    await notice
      .getByText(ERROR_STRINGS.kk['rosterRow.unknown_region'].replace('{region}', 'KZ-99'))
      .waitFor();
    await notice.getByText(/lots/).waitFor();
    expect(await englishLeftOver(o)).toEqual([]);
    expect(await notice.innerText()).not.toMatch(/does not exist|whole number|expected must/);
    await expectNoSeriousA11yViolations(o);
    await shot(o, 'd05-roster-errors-kk');

    await o.goto(url(`/app/organizer/programs/${programId}/schedule`));
    await o.getByLabel(kk['lang.inKk']).fill('Ұзын'.repeat(80));
    await o.getByLabel(kk['lang.inRu']).fill('Длинное название');
    await o
      .getByLabel(kk['schedule.start'])
      .fill(DateTime.now().plus({ days: 3 }).toFormat('yyyy-MM-dd HH:00'));
    await o.getByLabel(kk['schedule.joinUrl']).fill('https://meet.example.kz/long');
    await o.getByRole('button', { name: kk['schedule.submit'], exact: true }).click();
    await o
      .getByText(
        `${ERROR_STRINGS.kk['field.kk']}: ${ERROR_STRINGS.kk['rule.maxLength'].replace('{n}', '300')}`,
      )
      .waitFor();
    expect((await o.locator('main').innerText()).match(/must be|shorter than|characters/g)).toBeNull();
    await expectNoSeriousA11yViolations(o);
    await shot(o, 'd06-api-validation-kk');
  });

  it('takes a 24-hour time in the date-time field, even in an en-US browser', async () => {
    const us = await viewer({ locale: 'en-US', timezoneId: 'America/New_York' });
    await signInThroughForm(us.page, organizer.email, en);
    const u = us.page;
    await u.getByRole('button', { name: 'English' }).click();
    await u.goto(url(`/app/organizer/programs/${programId}/schedule`));
    const field = u.getByLabel(en['schedule.start']);
    await field.click();
    await u.keyboard.type('2030-03-15 14:30');
    await expect(field.inputValue()).resolves.toBe('2030-03-15 14:30');
    // The preview reads it as 14:30 in the session's zone, never as AM/PM.
    const preview = u.getByRole('region', { name: en['schedule.preview'] });
    await preview.getByText(/14:30/).first().waitFor();
    expect(await u.locator('main').innerText()).not.toMatch(/\b(AM|PM)\b/);
    await expectNoSeriousA11yViolations(u);
    await shot(u, 'd07-24h-field-en-us');
    // Back to Kazakh for the organizer's other windows (the language is the profile's).
    await u.getByRole('button', { name: 'Қазақша' }).click();
  });

  it('wraps whole words on a 360 px phone (no "Зарегистрирован|о")', async () => {
    const small = await viewer({ phone: true });
    await signInThroughForm(small.page, organizer.email);
    const s = small.page;
    await s.getByRole('button', { name: 'Русский' }).click();
    for (const [path, marker] of [
      [`/app/organizer/sessions/${sessionId}/roster`, ru['roster.import']],
      [`/app/organizer/sessions/${sessionId}/registrations`, ru['registrations.promote']],
      [`/app/organizer/sessions/${sessionId}/live`, ru['dashboard.liveNow']],
      [`/app/organizer/sessions/${sessionId}/report`, ru['report.title']],
    ] as const) {
      await s.goto(url(path));
      await s.getByText(marker).first().waitFor();
      await s.waitForLoadState('networkidle');
      expect({ path, broken: await wordsBrokenMidWord(s) }).toEqual({ path, broken: [] });
      await expectNoSeriousA11yViolations(s);
    }
    await shot(s, 'd08-phone-report-ru');
  });
  it('wraps whole words on the public program and session pages of a 360 px phone (no "Карагандинск|ая")', async () => {
    const ds = stack.api.ds;
    const regions = await Promise.all(['KZ-71', 'KZ-35', 'KZ-55'].map((code) => regionByCode(ds, code)));
    const forum = await createSession(ds, programId, {
      title: { kk: 'Форум, Қарағанды', ru: 'Форум, Караганда' },
      format: 'hybrid',
      venue: 'Karaganda, Palace of Culture of Miners',
      capacity: 400,
      targetRegionIds: regions.map((r) => r.id),
    });
    const small = await viewer({ phone: true, locale: 'ru-RU', timezoneId: 'Asia/Almaty' });
    const s = small.page;
    for (const [path, marker] of [
      [`/app/programs/${programId}`, 'Форум, Караганда'],
      [`/app/sessions/${forum.id}`, 'Карагандинская область'],
    ] as const) {
      await s.goto(url(path));
      await s.getByRole('button', { name: 'Русский' }).click();
      await s.getByText(marker).first().waitFor();
      await s.waitForLoadState('networkidle');
      expect({ path, broken: await wordsBrokenMidWord(s) }).toEqual({ path, broken: [] });
      await expectNoSeriousA11yViolations(s);
    }
    await shot(s, 'd08b-phone-public-session-ru');
  });
  it('takes the attendee page from the keyboard alone, with the focus always visible', async () => {
    const { link } = await registeredWithLink('Айдана Серік');
    const k = await viewer({ timezoneId: 'Asia/Almaty' });
    const page = k.page;
    await page.goto(link);
    await page.locator('.qlist:not(.mine) .q', { hasText: QUESTION }).waitFor();
    // From the top of the freshly loaded page, as a keyboard user starts.
    const stops: { what: string; ring: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(`(() => {
          const el = document.activeElement;
          const css = getComputedStyle(el);
          const what = el.tagName.toLowerCase() + (el.getAttribute('name') ? '[' + el.getAttribute('name') + ']' : '') +
            (el.className ? '.' + String(el.className).split(' ')[0] : '');
          return { what, ring: css.outlineStyle !== 'none' && css.outlineWidth !== '0px' };
        })()`),
      );
    }
    const seen = stops.map((x) => x.what);
    // The skip link first, then the header, then everything the page asks of an attendee.
    expect(seen[0]).toBe('a.skip');
    for (const stop of ['button', 'textarea[question]', 'input[anonymous]', 'button.vote']) {
      expect(seen.some((w) => w.startsWith(stop))).toBe(true);
    }
    expect(stops.filter((x) => !x.ring && x.what !== 'body')).toEqual([]);
    // Enter on the skip link moves to the content.
    await page.locator('a.skip').focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe('main');
  });

  // Last: a third person joins, which the dashboard's counts above do not expect.
  it('draws the questions a join link brought while the socket still joins, and keeps them once joined', async () => {
    const third = await registeredWithLink('Айгерім Нұрланова');
    const v = await viewer({ phone: true, timezoneId: 'Asia/Almaty' });
    const p = v.page;
    // The gateway's answer to the join is held back until the test lets it go (every other
    // message passes): the page is caught between its question list and its join.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (typeof m === 'string' && m.includes('"session:join"')) void held.then(() => server.send(m));
        else server.send(m);
      });
    });
    await p.goto(third.link);
    const item = p.locator('.qlist:not(.mine) .q', { hasText: QUESTION });
    // Before: only "connecting" until the join's answer, then the whole list at once.
    await item.waitFor();
    await p.getByText(ru['live.connecting']).waitFor();
    await expect(p.getByRole('button', { name: ru['ask.submit'] }).count()).resolves.toBe(0);
    await item.evaluate((el) => el.setAttribute('data-seen', 'before-join'));
    release();
    await p.getByRole('button', { name: ru['ask.submit'] }).waitFor();
    await expect(p.getByText(ru['live.connecting']).count()).resolves.toBe(0);
    // The same element: the list stayed mounted when the rest of the live view came.
    await expect(p.locator('.q[data-seen="before-join"]', { hasText: QUESTION }).count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(p);
  });

  it('joins from a join link while the app’s code still loads, and keeps what its socket heard meanwhile', async () => {
    const fourth = await registeredWithLink('Ерлан Қасымов');
    const voter = await registeredWithLink('Сәуле Жұмабаева');
    const v = await viewer({ phone: true, timezoneId: 'Asia/Almaty' });
    const p = v.page;
    // The app's code (React and the live view) is held back until the test lets it go; the small
    // entry script is not.
    let releaseApp!: () => void;
    const appHeld = new Promise<void>((resolve) => (releaseApp = resolve));
    await p.route(/\/app\/assets\/boot-[^/]+\.js$/, async (route) => {
      await appHeld;
      await route.continue();
    });
    const sockets: string[] = [];
    const frames: string[] = [];
    let joins = 0;
    p.on('websocket', (ws) => {
      sockets.push(ws.url());
      ws.on('framereceived', (f) => typeof f.payload === 'string' && frames.push(f.payload));
      ws.on(
        'framesent',
        (f) => typeof f.payload === 'string' && f.payload.includes('"session:join"') && joins++,
      );
    });
    let views = 0;
    p.on('requestfinished', (r) => void (r.url().endsWith('/app/join-view') && views++));
    await p.goto(fourth.link, { waitUntil: 'commit' });
    // Before: the socket was opened by the live view, which is in the held code. Now the entry
    // opens it and joins: the gateway's answer to session:join ("43/live,<id>[{"ok":true...").
    await waitFor('the join answered while the app is held back', async () =>
      frames.some((f) => /^43\/live,\d+\[\{"ok":true/.test(f)),
    );
    await waitFor('the question list read', async () => views > 0);
    expect(await p.locator('.qlist .q').count()).toBe(0);

    // Someone votes meanwhile: the new count reaches the page's socket before the page listens.
    const { body: page } = await stack.api.http
      .get(`/sessions/${sessionId}/questions?status=approved`)
      .set(organizer.auth)
      .expect(200);
    const question = (page.items as Array<{ id: string; text: string }>).find((q) => q.text === QUESTION)!;
    const socket = io(`${stack.gatewayUrl}/live`, {
      auth: { token: voter.auth.Authorization.replace(/^Bearer /, '') },
      transports: ['websocket'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const joined = await socket.timeout(10_000).emitWithAck('session:join', { sessionId });
      expect(joined.ok).toBe(true);
      const voted = await socket
        .timeout(10_000)
        .emitWithAck('question:upvote', { questionId: question.id, up: true });
      expect(voted.ok).toBe(true);
      const upvotes: number = voted.data.question.upvotes;
      await waitFor('the vote’s update at the page’s socket', async () =>
        frames.some((f) => f.includes('"question:update"') && f.includes(question.id)),
      );
      expect(await p.locator('.qlist .q').count()).toBe(0);

      releaseApp();
      const item = p.locator('.qlist:not(.mine) .q', { hasText: QUESTION });
      // The list was read before the vote; the count drawn is the one the socket heard.
      await item.locator('.vote-n', { hasText: String(upvotes) }).waitFor();
      await p.getByRole('button', { name: ru['ask.submit'] }).waitFor();
      // One socket: the live view took the entry's over instead of opening its own.
      expect(sockets).toHaveLength(1);
      expect(joins).toBe(1);
    } finally {
      socket.close();
      releaseApp();
    }
  });

  it('carries no long-polling code: the live page makes no XMLHttpRequest, its socket is a WebSocket', async () => {
    // engine.io-client's XHR module made one when it loaded (to test for binary support), and the
    // bundler kept it for that side effect: every attendee's page made it and carried its code.
    const fifth = await registeredWithLink('Дана Серікова');
    const v = await viewer({ phone: true, timezoneId: 'Asia/Almaty' });
    const p = v.page;
    // Counted from before the page's first script (an init script: the page's own policy, which
    // allows no inline script, does not apply to it).
    await p.addInitScript({
      content: `(() => {
        const Native = window.XMLHttpRequest;
        window.__xhrs = 0;
        window.XMLHttpRequest = class extends Native {
          constructor() { super(); window.__xhrs++; }
        };
      })();`,
    });
    const sockets: string[] = [];
    p.on('websocket', (ws) => sockets.push(ws.url()));
    await p.goto(fifth.link);
    await p.getByRole('button', { name: ru['ask.submit'] }).waitFor();
    expect(await p.evaluate('window.__xhrs')).toBe(0);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]).toMatch(/^ws:\/\/.*transport=websocket/);
  });
});
