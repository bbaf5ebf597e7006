/**
 * The Young Politician School's selection, done in a real browser (Debian Chromium through
 * playwright-core) against the real api, worker and gateway: an organizer builds a call and names
 * a two-member commission, four people from two regions apply through the call's form, both
 * reviewers score everyone, the organizer previews with a regional quota and commits, a selected
 * applicant declines, and the organizer sees the next one promoted. Only the setup (the program,
 * the people and their roles) goes through factories; every step of the workflow is a page.
 */
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { createOrganization, createProgram, regionByCode } from '../support/factories';
import { ru } from '../../apps/web/src/i18n/strings';
import { SELECTION_STRINGS } from '../../apps/web/src/selection/selection-strings';
import {
  CHROMIUM_PATH,
  ensureWebBuild,
  hasChromium,
  horizontalOverflow,
  launchChromium,
  openViewer,
  readableText,
  shot as screenshot,
  Viewer,
} from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';
import { waitFor } from '../support/wait';

if (!hasChromium) {
  console.warn(
    `\n!!!!! [web] NO CHROMIUM at ${CHROMIUM_PATH}: the selection browser suite is SKIPPED (apt-get install chromium) !!!!!\n`,
  );
}
const browserDescribe = hasChromium ? describe : describe.skip;

const PASSWORD = 'correct horse battery';
const S = SELECTION_STRINGS.ru;
const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

const CALL_TITLE = 'Школа молодого политика — первый поток';
const WHY = 'Почему вы хотите учиться в школе?';
const YEARS = 'Сколько лет вы в общественной работе?';

/** A screenshot for people, and no serious or critical axe-core violation on the page as it is. */
async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoSeriousA11yViolations(page);
}

interface Person {
  email: string;
  name: string;
}

browserDescribe('selection call end to end in a real browser (e2e)', () => {
  jest.setTimeout(180_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];
  let organizer: Person;
  let reviewers: Person[];
  /** A third commission member, related to the first applicant. */
  let cousin: Person;
  /** Applies, then withdraws before the commission starts. */
  let quitter: Person;
  /** Ranked best first by the commission's scores: Pavlodar, Pavlodar, Kostanay, Kostanay. */
  let applicants: (Person & { score: number })[];
  let org: Viewer;
  let callId: string;

  const url = (path: string) => `${stack.baseUrl}${path}`;

  async function viewer(): Promise<Viewer> {
    const v = await openViewer(browser);
    viewers.push(v);
    return v;
  }

  async function signIn(page: Page, email: string, next: string): Promise<void> {
    await page.goto(url(`/app/signin?next=${encodeURIComponent(next)}`));
    await page.getByLabel(ru['signin.email']).fill(email);
    await page.getByLabel(ru['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: ru['action.signIn'] }).click();
    await page.waitForURL((u) => u.pathname === `/app${next}`);
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const ds = stack.api.ds;
    const pavlodar = (await regionByCode(ds, 'KZ-55')).id;
    const kostanay = (await regionByCode(ds, 'KZ-39')).id;
    const organization = await createOrganization(ds, 'Саяси менеджмент академиясы');
    await createProgram(ds, {
      organizationId: organization.id,
      title: { kk: 'Жас саясаткер мектебі', ru: 'Школа молодого политика' },
      status: 'published',
    });
    const person = async (name: string, extra: Parameters<WebStack['api']['signIn']>[0] = {}) => {
      const p = await stack.api.signIn({
        displayName: name,
        password: PASSWORD,
        language: 'ru',
        timeZone: 'Asia/Almaty',
        ...extra,
      });
      return { email: p.email, name };
    };
    organizer = await person('Гүлнар Сейітова', { roles: ['organizer'], organizationId: organization.id });
    reviewers = [await person('Ерлан Қасымов'), await person('Мария Ким')];
    cousin = await person('Болат Нұрланұлы');
    quitter = await person('Нұрлан Сейтқали', { homeRegionId: kostanay });
    applicants = [
      { ...(await person('Айгерим Нұрланқызы', { homeRegionId: pavlodar })), score: 9 },
      { ...(await person('Данияр Омаров', { homeRegionId: pavlodar })), score: 8 },
      { ...(await person('Светлана Ли', { homeRegionId: kostanay, timeZone: 'Asia/Qostanay' })), score: 7 },
      {
        ...(await person('Асхат Жұмабаев', { homeRegionId: kostanay, timeZone: 'Asia/Qostanay' })),
        score: 6,
      },
    ];
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

  it('the organizer builds the call in kk/ru/en terms and names two reviewers', async () => {
    org = await viewer();
    const { page } = org;
    await signIn(page, organizer.email, '/organizer');
    // From the organizer console to the selection console, then the program.
    await page.getByRole('link', { name: S['nav.console'], exact: true }).click();
    await page.getByRole('heading', { name: S['org.title'] }).waitFor();
    await page.getByRole('link', { name: 'Школа молодого политика' }).click();
    await page.getByRole('heading', { name: S['org.newCall'] }).waitFor();

    // Nothing is sent while the form has problems; each is named next to its field.
    await page.getByRole('button', { name: S['b.create'] }).click();
    await page.getByText(S['b.needTitle']).waitFor();
    await page.getByText(S['b.wall.invalid']).first().waitFor();
    // The keyboard is taken to the first problem.
    await waitFor(
      'focus on the title',
      async () =>
        (await page.evaluate('document.activeElement && document.activeElement.name')) === 'title.kk',
    );

    const form = page.locator('form', { has: page.getByRole('heading', { name: S['org.newCall'] }) });
    await form.locator('[name="title.kk"]').fill('Жас саясаткер мектебі — бірінші ағын');
    await form.locator('[name="title.ru"]').fill(CALL_TITLE);
    await form.locator('[name="title.en"]').fill('Young Politician School, first cohort');
    await form.getByLabel(S['b.capacity']).fill('2');
    const now = DateTime.now().setZone('Asia/Almaty');
    // The window as a date and a 24-hour time in the call's zone (no AM/PM whatever the locale).
    const opens = now.minus({ hours: 1 });
    const closes = now.plus({ days: 14 });
    await form.locator('[name="opens.date"]').fill(opens.toFormat('yyyy-MM-dd'));
    await form.locator('[name="opens.time"]').fill(opens.toFormat('HH:mm'));
    await form.locator('[name="closes.date"]').fill(closes.toFormat('yyyy-MM-dd'));
    await form.locator('[name="closes.time"]').fill('25:00');
    await page.getByText(S['b.wall.invalid']).waitFor();
    await form.locator('[name="closes.time"]').fill(closes.toFormat('HH:mm'));
    await waitFor(
      'no problem left with the window',
      async () => (await form.getByText(S['b.wall.invalid']).count()) === 0,
    );
    await form.getByLabel(S['b.minAge']).fill('18');
    await form.getByLabel(S['b.maxAge']).fill('35');
    // Question 1: a text, in three languages.
    await form.locator('[name="form.0.key"]').fill('motivation_letter');
    await form.locator('[name="form.0.label.kk"]').fill('Неліктен мектепте оқығыңыз келеді?');
    await form.locator('[name="form.0.label.ru"]').fill(WHY);
    await form.locator('[name="form.0.label.en"]').fill('Why do you want to study at the school?');
    // Question 2: a whole number 0-40.
    await form.getByRole('button', { name: S['b.addField'] }).click();
    await form.locator('[name="form.1.key"]').fill('years');
    await form.locator('[name="form.1.type"]').selectOption('number');
    await form.locator('[name="form.1.label.ru"]').fill(YEARS);
    await form.locator('[name="form.1.label.kk"]').fill('Қоғамдық жұмыста неше жыл жүрсіз?');
    await form.locator('[name="form.1.min"]').fill('0');
    await form.locator('[name="form.1.max"]').fill('40');
    await form.locator('[name="form.1.integer"]').check();
    // The rubric starts as the commission's three criteria; two complete reviews are needed.
    await expect(form.locator('[name="rubric.2.label.ru"]').inputValue()).resolves.toBe('Мотивация');
    await shot(page, 'selection-01-builder');
    await form.getByRole('button', { name: S['b.create'] }).click();
    await page.waitForURL(/\/app\/selection\/calls\/[0-9a-f-]{36}$/);
    callId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: CALL_TITLE }).waitFor();
    await page.getByText(`/app/calls/${callId}`).waitFor();

    // Changed until decided: seats (the plural follows the number), then back.
    for (const seats of [3, 2]) {
      await page.getByRole('button', { name: S['edit.title'] }).click();
      const edit = page.locator('form', { has: page.getByRole('heading', { name: S['edit.title'] }) });
      await expect(edit.locator('[name="closes.time"]').inputValue()).resolves.toBe(closes.toFormat('HH:mm'));
      await edit.getByLabel(S['b.capacity']).fill(String(seats));
      await edit.getByRole('button', { name: S['edit.save'] }).click();
      await page.getByText(S['edit.saved']).waitFor();
      await page
        .getByText(seats === 3 ? '3 места' : '2 места', { exact: false })
        .first()
        .waitFor();
    }

    await page
      .getByRole('navigation', { name: S['c.tabs'] })
      .getByRole('link', { name: S['c.tab.reviewers'] })
      .click();
    await page.getByText(S['c.noReviewers']).waitFor();
    for (const r of [...reviewers, cousin]) {
      await page.getByLabel(S['c.findUser']).fill(r.email);
      await page.getByRole('button', { name: S['c.search'] }).click();
      await page.getByRole('button', { name: fill(S['c.addReviewer'], { name: r.name }) }).click();
      await page.getByRole('list', { name: S['c.reviewers'] }).getByText(r.name, { exact: true }).waitFor();
    }
    await shot(page, 'selection-02-commission');
  });

  it('four people find the call and apply through its form; mistakes are named in their language', async () => {
    for (const [i, a] of applicants.entries()) {
      const v = await viewer();
      const { page } = v;
      await signIn(page, a.email, '/calls');
      await page.getByRole('link', { name: CALL_TITLE }).click();
      await page.getByRole('heading', { name: S['apply.title'] }).waitFor();
      if (i === 0) {
        // Empty and out-of-range answers are refused before anything is sent.
        await page.getByLabel(new RegExp(YEARS.replace('?', '\\?'))).fill('55');
        await page.getByRole('button', { name: S['apply.submit'] }).click();
        await page.getByText(S['v.date']).waitFor();
        await page.getByText(S['v.required']).waitFor();
        await page.getByText(fill(S['v.max'], { max: 40 })).waitFor();
        await waitFor(
          'focus on the date of birth',
          async () =>
            (await page.evaluate('document.activeElement && document.activeElement.name')) === 'birthDate',
        );
        await shot(page, 'selection-03-apply-errors');
      }
      await page.getByLabel(S['apply.birthDate']).fill(`199${5 + i}-04-12`);
      await page
        .getByLabel(new RegExp(WHY.replace('?', '\\?')))
        .fill(`Хочу служить своему району (${a.name})`);
      await page.getByLabel(new RegExp(YEARS.replace('?', '\\?'))).fill(String(3 + i));
      await page.getByRole('button', { name: S['apply.submit'] }).click();
      await page.getByText(S['apply.sent']).waitFor();
      await page.getByRole('link', { name: S['nav.mine'], exact: true }).last().click();
      await page.getByRole('heading', { name: S['mine.title'] }).waitFor();
      await page.getByText(S['status.submitted']).waitFor();
      await v.context.close();
    }
  });

  it('an applicant changes their mind and withdraws before the decision (confirmed)', async () => {
    const v = await viewer();
    const { page } = v;
    await signIn(page, quitter.email, `/calls/${callId}`);
    await page.getByLabel(S['apply.birthDate']).fill('2001-01-01');
    await page.getByLabel(new RegExp(WHY.replace('?', '\\?'))).fill('Хочу попробовать');
    await page.getByLabel(new RegExp(YEARS.replace('?', '\\?'))).fill('1');
    await page.getByRole('button', { name: S['apply.submit'] }).click();
    await page.getByText(S['apply.sent']).waitFor();
    // A second application to the same call is refused, in the reader's language.
    await page.goto(url(`/app/calls/${callId}`));
    await page.getByText(S['apply.already']).waitFor();
    await page.goto(url('/app/my-applications'));
    await page.getByRole('button', { name: S['mine.withdraw'] }).click();
    await page.getByText(S['mine.withdrawWarn']).waitFor();
    await page.getByRole('button', { name: S['mine.withdrawConfirm'] }).click();
    await page.getByText(S['status.withdrawn']).waitFor();
    await v.context.close();
  });

  it('both reviewers score every application; the others’ scores appear only after one’s own', async () => {
    for (const [ri, r] of reviewers.entries()) {
      const v = await viewer();
      const { page } = v;
      await signIn(page, r.email, '/review');
      await page.getByRole('link', { name: CALL_TITLE }).click();
      await page.getByText(fill(S['review.progress'], { done: 0, total: 4 })).waitFor();
      for (const a of applicants) {
        await page.getByRole('link', { name: fill(S['review.open'], { name: a.name }) }).click();
        await page.getByRole('heading', { name: a.name }).waitFor();
        await page.getByText(`Хочу служить своему району (${a.name})`).waitFor();
        if (ri === 0) await page.getByText(S['review.othersHidden']).waitFor();
        for (const c of ['Карьерные достижения', 'Лидерский потенциал', 'Мотивация']) {
          await page
            .getByLabel(fill(S['review.score'], { criterion: c, min: 0, max: 10 }))
            .fill(String(a.score));
        }
        if (a === applicants[0] && ri === 0) {
          // Off the scale: named here, nothing sent.
          await page
            .getByLabel(fill(S['review.score'], { criterion: 'Мотивация', min: 0, max: 10 }))
            .fill('11');
          await page.getByRole('button', { name: S['review.submit'] }).click();
          await page.getByText(fill(S['review.outOfScale'], { min: 0, max: 10 })).waitFor();
          await page
            .getByLabel(fill(S['review.score'], { criterion: 'Мотивация', min: 0, max: 10 }))
            .fill(String(a.score));
        }
        await page.getByRole('button', { name: S['review.submit'] }).click();
        await page.getByText(S['review.saved']).waitFor();
        // Once mine are in, the API shows the commission's scores: the second reviewer sees both rows.
        await page.getByRole('heading', { name: S['review.others'] }).waitFor();
        await page.getByRole('rowheader', { name: S['review.me'] }).waitFor();
        if (ri === 1)
          await page
            .getByRole('rowheader', { name: fill(S['review.reviewer'], { n: 1 }) })
            .or(page.getByRole('rowheader', { name: fill(S['review.reviewer'], { n: 2 }) }))
            .first()
            .waitFor();
        if (a === applicants[0] && ri === 1) await shot(page, 'selection-04-review');
        await page.getByRole('link', { name: S['review.backToQueue'] }).click();
      }
      await page.getByText(fill(S['review.progress'], { done: 4, total: 4 })).waitFor();
      await v.context.close();
    }
  });

  it('a commission member related to an applicant declares a conflict and no longer sees that application', async () => {
    const v = await viewer();
    const { page } = v;
    await signIn(page, cousin.email, '/review');
    await page.getByRole('link', { name: CALL_TITLE }).click();
    await page.getByText(fill(S['review.progress'], { done: 0, total: 4 })).waitFor();
    await page.getByRole('link', { name: fill(S['review.open'], { name: applicants[0].name }) }).click();
    await page.getByRole('button', { name: S['review.conflict'] }).click();
    await page.getByRole('button', { name: S['review.conflictSend'] }).click();
    await page.getByText(S['r.needReason']).waitFor();
    await page.getByLabel(S['review.conflictReason']).fill('Это моя двоюродная сестра');
    await page.getByRole('button', { name: S['review.conflictSend'] }).click();
    await page.getByText(fill(S['review.progress'], { done: 0, total: 3 })).waitFor();
    expect(
      await page.getByRole('link', { name: fill(S['review.open'], { name: applicants[0].name }) }).count(),
    ).toBe(0);
    await v.context.close();
  });

  it('the organizer sees the ranking, previews with a regional quota and commits', async () => {
    const { page } = org;
    // The youth wing nominated one of them: marked on the applications list.
    await page.goto(url(`/app/selection/calls/${callId}/applications`));
    await page.getByRole('button', { name: fill(S['n.mark'], { name: applicants[2].name }) }).click();
    await page.getByLabel(S['n.body']).fill('Молодёжное крыло «Жастар Рухы»');
    await page.getByRole('button', { name: S['n.save'] }).click();
    await page.getByText(fill(S['n.by'], { body: 'Молодёжное крыло «Жастар Рухы»' })).waitFor();

    // An online interview with one of them, in the call's zone.
    const last = applicants[3].name;
    const tomorrow = DateTime.now().setZone('Asia/Almaty').plus({ days: 1 });
    await page.getByRole('button', { name: fill(S['i.schedule'], { name: last }) }).click();
    const interview = page.locator('li.list-item', { hasText: last });
    await interview.getByRole('button', { name: S['i.save'] }).click();
    await interview.getByText(S['v.url']).waitFor();
    await interview.getByLabel(S['b.date']).fill(tomorrow.toFormat('yyyy-MM-dd'));
    await interview.getByLabel(S['b.time']).fill('15:00');
    await interview.getByLabel(S['i.joinUrl']).fill('https://meet.example.kz/interview-1');
    await interview.getByRole('button', { name: S['i.save'] }).click();
    await interview.getByText(S['status.interview_scheduled']).waitFor();
    await interview.getByRole('link', { name: S['i.page'] }).waitFor();

    await page.goto(url(`/app/selection/calls/${callId}/ranking`));
    const rows = page.locator('tbody tr');
    await waitFor('four ranked rows', async () => (await rows.count()) === 4);
    for (const [i, a] of applicants.entries()) {
      await expect(rows.nth(i).getByRole('rowheader').textContent()).resolves.toContain(a.name);
      await expect(rows.nth(i).locator('td').first().textContent()).resolves.toBe(String(i + 1));
    }
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: S['r.csv'] }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^ranking-.*\.csv$/);

    // An override needs a reason; it is shown in the ranking with it.
    await page.getByRole('button', { name: fill(S['r.override'], { name: last }) }).click();
    const override = page.getByRole('group', { name: fill(S['r.override'], { name: last }) });
    await override.getByLabel(S['r.reject']).check();
    await override.getByRole('button', { name: S['r.save'] }).click();
    await override.getByText(S['r.needReason']).waitFor();
    await override.getByLabel(S['r.reason']).fill('Не представил рекомендацию');
    await override.getByRole('button', { name: S['r.save'] }).click();
    await page.getByText(fill(S['r.overridden.reject'], { reason: 'Не представил рекомендацию' })).waitFor();
    await shot(page, 'selection-05-ranking');

    await page
      .getByRole('navigation', { name: S['c.tabs'] })
      .getByRole('link', { name: S['c.tab.selection'] })
      .click();
    await page.getByRole('heading', { name: S['p.title'] }).waitFor();
    // A seat for every region that may apply needs more seats than the cohort has: said plainly.
    await page.getByLabel(S['b.regionMin']).fill('1');
    await page.getByRole('button', { name: S['p.preview'] }).click();
    await page.getByText(S['err.quotas_infeasible']).waitFor();
    // By rank alone both seats would go to Pavlodar; at most one per region gives Kostanay one.
    await page.getByLabel(S['b.regionMin']).fill('0');
    await page.getByLabel(S['b.regionMax']).fill('1');
    await page.getByRole('button', { name: S['p.preview'] }).click();
    await page
      .getByText(fill(S['p.summary'], { selected: 2, capacity: 2, waitlisted: 1, rejected: 1 }))
      .waitFor();
    const outcome = (name: string) =>
      page.locator('tbody tr', { has: page.getByRole('rowheader', { name }) });
    await page.getByText(fill(S['p.nominated'], { n: 1 })).waitFor();
    await outcome(applicants[0].name).getByText(S['p.decision.selected']).waitFor();
    await outcome(applicants[2].name).getByText(S['p.decision.selected']).waitFor();
    await outcome(applicants[1].name).getByText(S['p.decision.waitlisted']).waitFor();
    await outcome(applicants[3].name).getByText(S['p.decision.rejected']).waitFor();
    await outcome(applicants[3].name).getByText(S['p.reason.override']).waitFor();
    await shot(page, 'selection-06-preview');

    await page.getByRole('button', { name: S['p.commit'] }).click();
    await page.getByText(S['p.confirm']).waitFor();
    await page.getByRole('button', { name: S['p.confirmYes'] }).click();
    await page.getByText(S['p.committed']).waitFor();
  });

  it('a selected applicant declines; the next on the waitlist is promoted and the organizer sees it', async () => {
    const v = await viewer();
    const { page } = v;
    await signIn(page, applicants[0].email, '/my-applications');
    await page.getByText(S['status.selected']).waitFor();
    await page.getByRole('button', { name: S['mine.decline'] }).click();
    await page.getByText(S['mine.declineWarn']).waitFor();
    await page.getByLabel(S['mine.declineReason']).fill('Поступила на работу в акимат');
    await page.getByRole('button', { name: S['mine.declineConfirm'] }).click();
    await page.getByText(S['mine.declined']).waitFor();
    await page.getByText(S['status.withdrawn']).waitFor();
    await shot(page, 'selection-07-declined');

    // Kostanay keeps its seat; Pavlodar's goes to the first on the waitlist, from Pavlodar.
    const o = org.page;
    await o.goto(url(`/app/selection/calls/${callId}/applications`));
    const row = (name: string) => o.locator('li.list-item', { hasText: name });
    await row(applicants[1].name).getByText(S['status.selected']).waitFor();
    await row(applicants[0].name).getByText(S['status.withdrawn']).waitFor();
    await row(applicants[2].name).getByText(S['status.selected']).waitFor();
    await row(applicants[3].name).getByText(S['status.rejected']).waitFor();
    await shot(o, 'selection-08-promoted');

    // The audit trail: who did what, when, and why.
    await o
      .getByRole('navigation', { name: S['c.tabs'] })
      .getByRole('link', { name: S['c.tab.audit'] })
      .click();
    const audit = o.getByRole('list', { name: S['c.tab.audit'] });
    await audit
      .locator('li', { hasText: S['act.override.set'] })
      .getByText(fill(S['audit.reason'], { reason: 'Не представил рекомендацию' }))
      .waitFor();
    await audit.locator('li', { hasText: S['act.run.committed'] }).getByText(organizer.name).waitFor();
    await audit
      .locator('li', { hasText: S['act.conflict.declared'] })
      .getByText(cousin.name)
      .first()
      .waitFor();
    await audit
      .locator('li', { hasText: applicants[1].name })
      .getByText(fill(S['audit.reason'], { reason: S['audit.promoted'] }))
      .waitFor();
    await shot(o, 'selection-10-audit');
  });

  it('the promoted applicant follows the status on a phone, in Kazakh, with nothing sideways', async () => {
    const v = await openViewer(browser, { phone: true });
    viewers.push(v);
    const { page } = v;
    await signIn(page, applicants[1].email, '/my-applications');
    await page.getByText(S['status.selected']).waitFor();
    await page.getByRole('button', { name: 'Қазақша' }).click();
    const K = SELECTION_STRINGS.kk;
    await page.getByRole('heading', { name: K['mine.title'] }).waitFor();
    await page.getByText(K['status.selected']).waitFor();
    await page.getByRole('button', { name: K['mine.decline'] }).waitFor();
    const text = await readableText(page);
    const english = Object.entries(SELECTION_STRINGS.en)
      .filter(([k, en]) => en !== K[k as keyof typeof K])
      .flatMap(([, en]) => en.split(/\{\w+\}/).map((f) => f.trim()))
      .filter((f) => f.length >= 6 && /[A-Za-z]{3}/.test(f) && text.includes(f));
    expect(english).toEqual([]);
    const { scrollWidth, clientWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.goto(url('/app/calls'));
    await page.getByRole('heading', { name: K['calls.title'] }).waitFor();
    await shot(page, 'selection-09-phone-kk');
    const after = await horizontalOverflow(page);
    expect(after.scrollWidth).toBeLessThanOrEqual(after.clientWidth);
  });
});
