/**
 * Engagement in a real browser (headless Chromium against the real api and gateway): during a live
 * session a trainer opens a prepared poll, two attendees from two regions answer on phones, the
 * trainer sees the results per region and reveals them, the attendees see them; a raised hand
 * appears in the staff queue in order; a quiz opened and closed from the console counts toward
 * completion in the program report.
 */
import { randomUUID } from 'crypto';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { createProgram, createSession, regionByCode } from '../support/factories';
import { waitFor } from '../support/wait';
import { ENGAGEMENT_STRINGS } from '../../apps/web/src/i18n/engagement-strings';
import { ru } from '../../apps/web/src/i18n/strings';
import {
  CHROMIUM_PATH,
  ensureWebBuild,
  hasChromium,
  horizontalOverflow,
  launchChromium,
  openViewer,
  shot,
  Viewer,
} from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';

if (!hasChromium) {
  console.warn(
    `\n!!!!! [web] NO CHROMIUM at ${CHROMIUM_PATH}: the engagement browser suite is SKIPPED !!!!!\n`,
  );
}
const browserDescribe = hasChromium ? describe : describe.skip;
const e = ENGAGEMENT_STRINGS.ru;
const PASSWORD = 'correct horse battery';

browserDescribe('engagement in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];

  const url = (path: string) => `${stack.baseUrl}${path}`;
  async function viewer(opts: Parameters<typeof openViewer>[1] = {}): Promise<Viewer> {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
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

  it('runs a prepared poll per region, a raised hand and a quiz toward completion', async () => {
    const ds = stack.api.ds;
    const pavlodar = (await regionByCode(ds, 'KZ-55')).id;
    const kostanay = (await regionByCode(ds, 'KZ-39')).id;
    const program = await createProgram(ds);
    const start = DateTime.utc().minus({ minutes: 10 }).startOf('minute');
    const session = await createSession(ds, program.id, {
      startAt: start.toJSDate(),
      endAt: start.plus({ minutes: 120 }).toJSDate(),
      targetRegionIds: [pavlodar, kostanay],
      title: { ru: 'Модуль 1: внутренний отбор', kk: '1-модуль' },
      joinUrl: 'https://meet.example.kz/m1',
    });
    const trainer = await stack.api.signIn({
      password: PASSWORD,
      roles: ['organizer', 'moderator'],
      displayName: 'Гүлнар Сейітова',
      language: 'ru',
    });
    const bank = async (body: object) =>
      (
        await stack.api.http
          .post(`/programs/${program.id}/poll-bank`)
          .set(trainer.auth)
          .send(body)
          .expect(201)
      ).body as { id: string };
    await bank({
      kind: 'single',
      question: { kk: 'Кандидатты кім ұсынады?', ru: 'Кто выдвигает кандидата?', en: 'Who nominates?' },
      options: [
        { kk: 'Бастауыш ұйым', ru: 'Первичная организация' },
        { kk: 'Съезд', ru: 'Съезд' },
      ],
    });
    await bank({
      kind: 'single',
      question: { ru: 'Сколько модулей в программе?', kk: 'Бағдарламада неше модуль?' },
      options: [{ ru: 'Два' }, { ru: 'Четыре' }],
      quiz: true,
      correct: [1],
    });

    /** A registered attendee's personal join link. */
    async function attendee(regionId: number, name: string) {
      const a = await stack.api.signIn({ homeRegionId: regionId, displayName: name, language: 'ru' });
      const reg = await stack.api.http
        .post(`/sessions/${session.id}/registrations`)
        .set(a.auth)
        .send({})
        .expect(201);
      const tok = await stack.api.http
        .get(`/me/registrations/${reg.body.id}/join-token`)
        .set(a.auth)
        .expect(200);
      return { ...a, link: url(`/join/${reg.body.id}?t=${tok.body.token}`) };
    }
    const dauren = await attendee(pavlodar, 'Дәурен Оспанов');
    const zhanar = await attendee(kostanay, 'Жанар Әбенова');

    // The trainer's console, signed in through the form.
    const org = await viewer();
    const o = org.page;
    await o.goto(url('/app/signin'));
    await o.getByLabel(ru['signin.email']).fill(trainer.email);
    await o.getByLabel(ru['signin.password']).fill(PASSWORD);
    await o.getByRole('button', { name: ru['action.signIn'] }).click();
    await o.getByRole('link', { name: ru['nav.console'], exact: true }).waitFor();
    await o.goto(url(`/app/organizer/sessions/${session.id}/engagement`));
    await o.getByRole('heading', { name: e['eng.bank'] }).waitFor();

    // Two attendees on phones, by their join links.
    const phones: [Viewer, Viewer] = [await viewer({ phone: true }), await viewer({ phone: true })];
    await phones[0].page.goto(dauren.link);
    await phones[1].page.goto(zhanar.link);
    for (const { page } of phones) await page.getByText(e['eng.noPolls']).waitFor();

    // The trainer opens the prepared poll; both phones answer.
    await o
      .locator('[data-bank-item]', { hasText: 'Кто выдвигает кандидата?' })
      .getByRole('button', { name: e['eng.openFromBank'] })
      .click();
    const answer = async (page: Page, question: string, option: string) => {
      const card = page.locator('article.poll', { hasText: question });
      await card.getByLabel(option).check();
      await card.getByRole('button', { name: e['eng.answer'] }).click();
      await card.getByText(e['eng.answered']).waitFor();
    };
    await answer(phones[0].page, 'Кто выдвигает кандидата?', 'Первичная организация');
    await answer(phones[1].page, 'Кто выдвигает кандидата?', 'Съезд');
    await shot(phones[0].page, 'engagement-01-phone-answered');
    await expectNoSeriousA11yViolations(phones[0].page);

    // Per region on the trainer's screen, then revealed to everyone.
    const staffPoll = o.locator('article.poll', { hasText: 'Кто выдвигает кандидата?' });
    await staffPoll.locator('[data-total="2"]').waitFor();
    await staffPoll.locator(`li[data-region-id="${pavlodar}"] [data-region-counts="1. 1 · 2. 0"]`).waitFor();
    await staffPoll.locator(`li[data-region-id="${kostanay}"] [data-region-counts="1. 0 · 2. 1"]`).waitFor();
    await staffPoll.getByText('Павлодарская область').waitFor();
    await shot(o, 'engagement-02-console-results');
    await expectNoSeriousA11yViolations(o);
    await staffPoll.getByRole('button', { name: e['eng.reveal'] }).click();
    for (const { page } of phones) {
      const card = page.locator('article.poll', { hasText: 'Кто выдвигает кандидата?' });
      await card.getByRole('heading', { name: e['eng.results'] }).waitFor();
      await card.locator('[data-total="2"]').waitFor();
      await card.locator(`li[data-region-id="${kostanay}"]`).getByText('Костанайская область').waitFor();
    }
    await shot(phones[1].page, 'engagement-03-phone-revealed');
    await expectNoSeriousA11yViolations(phones[1].page);
    expect((await horizontalOverflow(phones[0].page)).scrollWidth).toBeLessThanOrEqual(360);

    // Hands: in the order they went up, with their regions.
    await phones[1].page.getByRole('button', { name: new RegExp(e['eng.raise']) }).click();
    await phones[1].page.getByText(e['eng.handUp'].replace('{n}', '1')).waitFor();
    await phones[0].page.getByRole('button', { name: new RegExp(e['eng.raise']) }).click();
    await phones[0].page.getByText(e['eng.handUp'].replace('{n}', '2')).waitFor();
    const queue = o.locator('.hand-queue li');
    await waitFor('two hands in the queue', async () => (await queue.count()) === 2);
    expect(await queue.nth(0).getAttribute('data-hand')).toBe(zhanar.id);
    expect(await queue.nth(1).getAttribute('data-hand')).toBe(dauren.id);
    await queue.nth(0).getByText('Костанайская область').waitFor();
    // When the hand went up, with the zone of the clock it is told by (it was a bare "15:04").
    expect(await queue.nth(0).locator('.when').textContent()).toMatch(
      /\d\d:\d\d \([A-Za-z_]+\/[A-Za-z_]+, UTC[+-]\d/,
    );
    await queue.nth(0).getByRole('button', { name: e['eng.take'] }).click();
    await phones[1].page.getByText(e['eng.handTaken']).waitFor();
    await waitFor('one hand left', async () => (await queue.count()) === 1);
    await shot(o, 'engagement-04-console-hands');
    await expectNoSeriousA11yViolations(o);

    // A quiz from the bank: Дәурен right, Жанар wrong; closed from the console.
    await o
      .locator('[data-bank-item]', { hasText: 'Сколько модулей в программе?' })
      .getByRole('button', { name: e['eng.openFromBank'] })
      .click();
    await answer(phones[0].page, 'Сколько модулей в программе?', 'Четыре');
    await answer(phones[1].page, 'Сколько модулей в программе?', 'Два');
    const quizCard = o.locator('article.poll', { hasText: 'Сколько модулей в программе?' });
    await quizCard.locator('[data-total="2"]').waitFor();
    await quizCard.getByRole('button', { name: e['eng.close'] }).click();
    await quizCard.getByText(e['eng.status.closed']).waitFor();

    // Completion: present long enough for the rule (scripted), and the quiz score it now asks for.
    for (const u of [dauren, zhanar]) {
      await ds.query(
        `INSERT INTO attendance_intervals (id, session_id, user_id, region_id, joined_at, left_at, left_reason)
         VALUES ($1, $2, $3, NULL, $4, $4::timestamptz + interval '5 minutes', 'left')`,
        [randomUUID(), session.id, u.id, start.toJSDate()],
      );
    }
    await stack.api.http
      .put(`/programs/${program.id}/completion-rules`)
      .set(trainer.auth)
      .send({ attendedThresholdPercent: 1, minQuizScorePercent: 50 })
      .expect(200);
    const report = (
      await stack.api.http.get(`/programs/${program.id}/attendance`).set(trainer.auth).expect(200)
    ).body as { attendees: { userId: string; quizScorePercent: number | null; completed: boolean }[] };
    const line = (id: string) => report.attendees.find((a) => a.userId === id);
    expect(line(dauren.id)).toMatchObject({ quizScorePercent: 100, completed: true });
    expect(line(zhanar.id)).toMatchObject({ quizScorePercent: 0, completed: false });
  });
});
