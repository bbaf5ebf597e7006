/**
 * The organizer edits everything in the browser (headless Debian Chromium against the real api,
 * worker and gateway): a draft program's details, modules and their order, reminder times and
 * quiet hours; a session rescheduled into another zone; sections edited, reordered and deleted;
 * the session ended and its recording link set afterwards; back to draft; the program report and
 * its CSV; people added one by one and by CSV. Every irreversible step asks first, in a dialog
 * that keeps the focus and closes on Escape. The API is only read to check what the pages did.
 */
import { readFileSync } from 'fs';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  createOrganization,
  createProgram,
  createSection,
  createSession,
  createSpeaker,
} from '../support/factories';
import { ru } from '../../apps/web/src/i18n/strings';
import { LISTS_STRINGS } from '../../apps/web/src/invitations/lists-strings';
import { ORGANIZER_STRINGS } from '../../apps/web/src/organizer/organizer-strings';
import {
  englishLeftOver,
  ensureWebBuild,
  hasChromium,
  horizontalOverflow,
  launchChromium,
  openViewer,
  readableText,
  shot,
  Viewer,
} from './support/browser';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { startWebStack, WebStack } from './support/stack';
import { waitFor } from '../support/wait';

const browserDescribe = hasChromium ? describe : describe.skip;
const o = ORGANIZER_STRINGS.ru;
const L = LISTS_STRINGS.ru;
const csvFile = (text: string) => ({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k]));
const PASSWORD = 'correct horse battery';

browserDescribe('organizer edits in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;
  let org: Viewer;
  let page: Page;
  let organizer: { email: string; auth: { Authorization: string } };
  let programId: string;
  let sessionId: string;
  /** A second session: its own reminder times, a seat cancelled, then cancelled itself. */
  let otherId: string;
  const NEW_TITLE = 'Школа молодого политика';

  const url = (path: string) => `${stack.baseUrl}${path}`;
  const api = (path: string) => stack.api.http.get(path).set(organizer.auth).expect(200);
  const card = (heading: string) =>
    page.locator('section.card', { has: page.getByRole('heading', { name: heading, exact: true }) });
  const dialog = (title: string) => page.getByRole('dialog', { name: title });

  /** Focus starts on "go back" and Tab cannot leave the dialog. */
  async function expectFocusKept(d: Locator): Promise<void> {
    await d.waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      o['confirm.keep'],
    );
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate("!!document.activeElement?.closest('dialog[open]')")).toBe(true);
    }
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const ds = stack.api.ds;
    const organization = await createOrganization(ds, 'Саяси менеджмент академиясы');
    const program = await createProgram(ds, {
      organizationId: organization.id,
      title: { ru: 'Черновая программа', kk: 'Жоба бағдарлама' },
      status: 'draft',
    });
    programId = program.id;
    const session = await createSession(ds, programId, {
      title: { ru: 'Бюджет региона', kk: 'Өңір бюджеті' },
      localStart: '2031-05-20T10:00',
      durationMinutes: 120,
      joinUrl: 'https://meet.example.kz/budget',
    });
    sessionId = session.id;
    otherId = (
      await createSession(ds, programId, {
        title: { ru: 'Дебаты', kk: 'Дебаттар' },
        localStart: '2031-06-01T10:00',
        joinUrl: 'https://meet.example.kz/debates',
      })
    ).id;
    await createSpeaker(ds, { fullName: 'Дана Омарова', affiliation: 'Академия' });
    await createSection(ds, sessionId, { title: { ru: 'Секция А' }, position: 1 });
    await createSection(ds, sessionId, { title: { ru: 'Секция Б' }, position: 2 });
    const signed = await stack.api.signIn({
      email: `organizer-edit-${Date.now()}@test.qatys`,
      password: PASSWORD,
      displayName: 'Гүлнар Сейітова',
      roles: ['organizer'],
      organizationId: organization.id,
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    organizer = { email: signed.email, auth: signed.auth };

    org = await openViewer(browser);
    page = org.page;
    await page.goto(url('/app/signin'));
    await page.getByLabel(ru['signin.email']).fill(organizer.email);
    await page.getByLabel(ru['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: ru['action.signIn'] }).click();
    await page.getByRole('link', { name: ru['nav.console'], exact: true }).waitFor();
  });

  afterAll(async () => {
    await org?.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  afterEach(() => {
    // A page error is a bug even when the assertions passed.
    expect(org.errors.splice(0)).toEqual([]);
  });

  it('edits a draft program, says attendees cannot see it, and orders its modules', async () => {
    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByText(o['draft.program']).waitFor();

    const details = card(o['program.edit']);
    await details.getByRole('group', { name: ru['form.title'] }).getByLabel(ru['lang.inRu']).fill(NEW_TITLE);
    await details
      .getByRole('group', { name: o['program.description'] })
      .getByLabel(ru['lang.inRu'])
      .fill('Полгода занятий для тех, кто идёт в маслихаты.');
    await details.getByLabel(o['program.startsOn']).fill('2031-05-01');
    await details.getByRole('button', { name: o['action.save'] }).click();
    await page.getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor();
    await details.getByText(o['action.saved']).waitFor();

    const add = page.getByRole('form', { name: ru['program.addModule'] });
    for (const title of ['Первый модуль', 'Второй модуль']) {
      await add.getByLabel(ru['lang.inRu']).fill(title);
      await add.getByRole('button', { name: ru['program.addModule'] }).click();
      await page.locator('ol.modules li', { hasText: title }).waitFor();
    }
    await page.getByRole('button', { name: fill(o['module.moveUp'], { title: 'Второй модуль' }) }).click();
    await waitFor('the second module moved first', async () =>
      (await page.locator('ol.modules li').first().textContent())?.includes('Второй модуль'),
    );

    await page.getByRole('button', { name: fill(o['module.edit'], { title: 'Первый модуль' }) }).click();
    const edit = page.getByRole('form', { name: fill(o['module.editTitle'], { title: 'Первый модуль' }) });
    await edit
      .getByRole('group', { name: ru['form.title'] })
      .getByLabel(ru['lang.inRu'])
      .fill('Первый модуль: основы');
    await edit.getByRole('button', { name: o['action.save'] }).click();
    await page.locator('ol.modules li', { hasText: 'Первый модуль: основы' }).waitFor();

    // Delete asks first; Escape keeps the module.
    const remove = page.getByRole('button', { name: fill(o['module.delete'], { title: 'Второй модуль' }) });
    await remove.click();
    const ask = dialog(fill(o['confirm.moduleTitle'], { title: 'Второй модуль' }));
    await ask.getByText(o['confirm.moduleBody']).waitFor();
    await expectFocusKept(ask);
    await shot(page, 'organizer-01-confirm-module');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect((await api(`/programs/${programId}`)).body.modules).toHaveLength(2);
    await remove.click();
    await ask.getByRole('button', { name: o['confirm.module'] }).click();
    await page.locator('ol.modules li', { hasText: 'Второй модуль' }).waitFor({ state: 'detached' });

    const p = (await api(`/programs/${programId}`)).body;
    expect(p.title.ru).toBe(NEW_TITLE);
    expect(p.startsOn).toBe('2031-05-01');
    expect(
      p.modules.map((m: { title: { ru: string }; position: number }) => [m.position, m.title.ru]),
    ).toEqual([[1, 'Первый модуль: основы']]);
  });

  it('sets the reminder times and quiet hours of the program', async () => {
    const reminders = card(o['reminders.title']);
    await reminders.getByLabel(o['reminders.offsets']).fill('1440, 30');
    await reminders.getByLabel(o['reminders.quietStart'], { exact: true }).fill('21:00');
    await reminders.getByLabel(o['reminders.quietEnd'], { exact: true }).fill('07:30');
    await reminders.getByRole('button', { name: o['action.save'] }).click();
    await reminders.getByText(fill(o['reminders.now'], { list: '1 день и 30 минут' })).waitFor();
    const p = (await api(`/programs/${programId}`)).body;
    expect(p).toMatchObject({
      reminderOffsetsMinutes: [1440, 30],
      quietHoursStart: '21:00',
      quietHoursEnd: '07:30',
    });
  });

  it('warns on the schedule page and the session console that the draft hides the session', async () => {
    await page.goto(url(`/app/organizer/programs/${programId}/schedule`));
    const warning = fill(o['draft.session'], { program: NEW_TITLE });
    await page.getByText(warning).waitFor();
    await page.goto(url(`/app/organizer/sessions/${sessionId}`));
    await page.getByText(warning).waitFor();
  });

  it('reschedules the session into another zone and shows the new time with its zone', async () => {
    const form = page.getByRole('form', { name: o['edit.title'] });
    await form.getByLabel(ru['schedule.start']).fill('2031-05-21T15:30');
    await form.getByLabel(ru['schedule.zone']).selectOption('Asia/Qostanay');
    await form.getByRole('button', { name: o['action.save'] }).click();
    const note = form.getByRole('status');
    await note.getByText(/Asia\/Qostanay/).waitFor();
    // 15:30 in Qostanay (UTC+5) is 15:30 in Almaty (UTC+5 since 2024-03-01): the reader's time and the zone of record.
    expect(await note.textContent()).toMatch(/15:30.*Asia\/Qostanay.*UTC\+5/);
    await page.locator('.meta .record-zone', { hasText: 'Asia/Qostanay' }).first().waitFor();
    await shot(page, 'organizer-02-rescheduled');
    await expectNoSeriousA11yViolations(page);
    const s = (await api(`/sessions/${sessionId}`)).body;
    expect(s).toMatchObject({ timeZone: 'Asia/Qostanay', version: 2 });
    expect(s.startAt.ofRecord.local.slice(0, 16)).toBe('2031-05-21T15:30');
    expect(s.startAt.utc).toBe('2031-05-21T10:30:00.000Z');
    expect(s.endAt.utc).toBe('2031-05-21T12:30:00.000Z'); // keeps its two hours
  });

  it('edits, reorders and deletes sections, deleting only after a confirmation', async () => {
    await page.goto(url(`/app/organizer/sessions/${sessionId}/sections`));
    await page.getByRole('button', { name: fill(o['sections.edit'], { title: 'Секция А' }) }).click();
    const edit = page.getByRole('form', { name: fill(o['sections.editTitle'], { title: 'Секция А' }) });
    await edit.getByLabel(ru['lang.inRu']).fill('Секция А: бюджет');
    await edit.getByLabel(ru['schedule.capacity'], { exact: true }).fill('30');
    await edit.getByRole('button', { name: o['action.save'] }).click();
    await page.getByText('1. Секция А: бюджет').waitFor();

    await page.getByRole('button', { name: fill(o['sections.moveUp'], { title: 'Секция Б' }) }).click();
    await page.getByText('1. Секция Б').waitFor();
    await page.getByText('2. Секция А: бюджет').waitFor();

    const remove = page.getByRole('button', {
      name: fill(o['sections.delete'], { title: 'Секция А: бюджет' }),
    });
    await remove.click();
    const ask = dialog(fill(o['confirm.sectionTitle'], { title: 'Секция А: бюджет' }));
    await expectFocusKept(ask);
    await ask.getByRole('button', { name: o['confirm.keep'] }).click();
    await ask.waitFor({ state: 'hidden' });
    await page.getByText('2. Секция А: бюджет').waitFor();
    await remove.click();
    await ask.getByRole('button', { name: o['confirm.section'] }).click();
    await page.getByText('Секция А: бюджет').waitFor({ state: 'detached' });

    const s = (await api(`/sessions/${sessionId}`)).body;
    expect(
      s.sections.map((x: { position: number; title: { ru: string } }) => [x.position, x.title.ru]),
    ).toEqual([[1, 'Секция Б']]);
  });

  it('ends the session only after a confirmation, then takes the recording link', async () => {
    await page.goto(url(`/app/organizer/sessions/${sessionId}`));
    const overview = card(ru['tab.overview']);
    await overview.getByRole('button', { name: ru['session.endNow'] }).click();
    const ask = dialog(o['confirm.endTitle']);
    await ask.getByText(o['confirm.endBody']).waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect((await api(`/sessions/${sessionId}`)).body.status).toBe('scheduled');

    await overview.getByRole('button', { name: ru['session.endNow'] }).click();
    await ask.getByRole('button', { name: o['confirm.end'] }).click();
    await page.locator('.chip', { hasText: ru['session.ended'] }).first().waitFor();

    const recording = card(o['recording.title']);
    await recording.getByText(o['recording.hint']).waitFor();
    const link = 'https://video.example.kz/recordings/budget';
    await recording.getByLabel(o['recording.label']).fill(link);
    await recording.getByRole('button', { name: o['recording.save'] }).click();
    await recording.getByText(o['action.saved']).waitFor();
    await shot(page, 'organizer-03-recording-after-end');
    await expectNoSeriousA11yViolations(page);
    expect((await api(`/sessions/${sessionId}/live-settings`)).body.recordingUrl).toBe(link);
  });

  it("changes a session's own reminder times, showing the program's and its quiet hours", async () => {
    await page.goto(url(`/app/organizer/sessions/${otherId}/reminders`));
    const c = card(o['reminders.sessionTitle']);
    await c.getByText(fill(o['reminders.programHas'], { list: '1 день и 30 минут' })).waitFor();
    await c.getByText(fill(o['reminders.programQuiet'], { from: '21:00', until: '07:30' })).waitFor();
    await c.getByLabel(o['reminders.useProgram']).uncheck();
    await c.getByLabel(o['reminders.sessionOwn']).fill('0');
    await c.getByRole('button', { name: o['action.save'] }).click();
    await c.getByText(o['reminders.offsetsInvalid']).waitFor();
    await c.getByLabel(o['reminders.sessionOwn']).fill('120, 15');
    await c.getByRole('button', { name: o['action.save'] }).click();
    await c.getByText(o['action.saved']).waitFor();
    expect((await api(`/sessions/${otherId}`)).body.reminderOffsetsMinutes).toEqual([120, 15]);
  });

  it("edits a speaker's name, organization and biography", async () => {
    await page.goto(url('/app/organizer/speakers'));
    await page.getByRole('button', { name: fill(o['speakers.edit'], { name: 'Дана Омарова' }) }).click();
    const edit = page.getByRole('form', { name: fill(o['speakers.editTitle'], { name: 'Дана Омарова' }) });
    await edit.getByLabel(ru['speakers.affiliation']).fill('Академия госуправления');
    await edit.getByRole('group', { name: o['speakers.bio'] }).getByLabel(ru['lang.inRu']).fill('Экономист.');
    await edit.getByRole('group', { name: o['speakers.bio'] }).getByLabel(ru['lang.inKk']).fill('Экономист.');
    await edit.getByRole('button', { name: o['action.save'] }).click();
    await page.getByText('Академия госуправления').waitFor();
    const found = (await api('/speakers?q=Омарова')).body.items;
    expect(found).toMatchObject([
      { affiliation: 'Академия госуправления', bio: { ru: 'Экономист.', kk: 'Экономист.' } },
    ]);
  });

  it('publishes the program', async () => {
    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('button', { name: ru['program.publish'] }).click();
    await page.getByRole('button', { name: ru['program.unpublish'] }).waitFor();
    expect(await page.getByText(o['draft.program']).count()).toBe(0);
  });

  it('cancels a seat, then the session, each only after a confirmation', async () => {
    const attendee = await stack.api.signIn({ displayName: 'Ерлан Жақсылықов', language: 'ru' });
    await stack.api.http.post(`/sessions/${otherId}/registrations`).set(attendee.auth).send({}).expect(201);
    await page.goto(url(`/app/organizer/sessions/${otherId}/registrations`));
    const seat = page.getByRole('button', { name: ru['registrations.cancel'] });
    await seat.click();
    const askSeat = dialog(fill(o['confirm.seatTitle'], { name: 'Ерлан Жақсылықов' }));
    await askSeat.getByText(fill(o['confirm.seatBody'], { name: 'Ерлан Жақсылықов' })).waitFor();
    await page.keyboard.press('Escape');
    await askSeat.waitFor({ state: 'hidden' });
    expect((await api(`/sessions/${otherId}`)).body.registeredCount).toBe(1);
    await seat.click();
    await askSeat.getByRole('button', { name: o['confirm.seat'] }).click();
    await seat.waitFor({ state: 'detached' });
    expect((await api(`/sessions/${otherId}`)).body.registeredCount).toBe(0);

    await page.goto(url(`/app/organizer/sessions/${otherId}`));
    const cancelCard = card(ru['session.cancelTitle']);
    await cancelCard.getByLabel(ru['session.cancelReason']).fill('Спикер заболел.');
    await cancelCard.getByRole('button', { name: ru['session.cancel'] }).click();
    const ask = dialog(o['confirm.cancelTitle']);
    await ask.getByText(fill(o['confirm.cancelBody'], { n: 0 })).waitFor();
    await ask.getByRole('button', { name: o['confirm.keep'] }).click();
    await ask.waitFor({ state: 'hidden' });
    expect((await api(`/sessions/${otherId}`)).body.status).toBe('scheduled');
    await cancelCard.getByRole('button', { name: ru['session.cancel'] }).click();
    await ask.getByRole('button', { name: o['confirm.cancel'] }).click();
    await page.locator('.chip', { hasText: ru['session.cancelled'] }).first().waitFor();
    expect((await api(`/sessions/${otherId}`)).body.status).toBe('cancelled');
  });

  it('goes back to draft only after a confirmation that names what attendees lose', async () => {
    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('button', { name: ru['program.unpublish'] }).click();
    const ask = dialog(o['confirm.draftTitle']);
    await ask.getByText(fill(o['confirm.draftBody'], { n: 2 })).waitFor();
    await ask.getByRole('button', { name: o['confirm.draft'] }).click();
    await page.getByText(o['draft.program']).waitFor();
    expect((await api(`/programs/${programId}`)).body.status).toBe('draft');
  });

  it('opens the program report from the program page and downloads its CSV', async () => {
    await page.getByRole('link', { name: o['program.report'] }).click();
    await page.getByRole('heading', { level: 1, name: o['report.title'] }).waitFor();
    await page.getByText(fill(o['report.sessions'], { n: 1 })).waitFor(); // the cancelled one does not count
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: o['report.csv'] }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`attendance-program-${programId}.csv`);
    const text = readFileSync((await file.path())!, 'utf8');
    const expected = await stack.api.http.get(`/programs/${programId}/attendance.csv`).set(organizer.auth);
    expect(text).toBe(expected.text);
    expect(text.split('\n')[0]).toContain(',');
    await shot(page, 'organizer-04-program-report');
    await expectNoSeriousA11yViolations(page);
  });

  it('adds a person, refuses a bad CSV row by row, imports a good one', async () => {
    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('link', { name: o['program.people'] }).click();
    await page.getByRole('heading', { level: 1, name: o['people.title'] }).waitFor();
    await page.getByText(o['people.none']).waitFor();

    const add = page.getByRole('form', { name: o['people.addTitle'] });
    await add.getByRole('button', { name: o['people.add'] }).click();
    await add.getByText(o['people.contactNeeded']).waitFor();
    await add.getByLabel(o['people.name']).fill('Әлия Құрманова');
    await add.getByLabel(o['people.region']).selectOption({ label: 'Павлодарская область' });
    // The API's refusal of the one row, in Russian (the same words as the lists' import).
    await add.getByLabel(o['people.email']).fill('aliya@');
    await add.getByRole('button', { name: o['people.add'] }).click();
    await add.getByRole('alert').filter({ hasText: '«aliya@» — не адрес' }).waitFor();
    await add.getByLabel(o['people.email']).fill('aliya@example.kz');
    await add.getByRole('button', { name: o['people.add'] }).click();
    await add.getByText(fill(o['people.added'], { name: 'Әлия Құрманова' })).waitFor();
    const aliya = page.locator('.list-item', { hasText: 'Әлия Құрманова' });
    await aliya.getByText(o['status.listed']).waitFor();
    await aliya
      .getByRole('button', { name: fill(o['people.showRegistrations'], { name: 'Әлия Құрманова' }) })
      .click();
    await aliya.getByText(o['people.noRegistrations']).waitFor();

    // The same import card as the invitations lists: a CSV or XLSX file, refused rows in Russian.
    const imp = page.getByRole('form', { name: L['import.title'] });
    const card = page.locator('section.card', { has: imp });
    const file = imp.getByLabel(L['import.file']);
    await imp.getByRole('button', { name: L['import.submit'] }).click();
    await imp.getByText(L['import.noFile']).waitFor();
    await file.setInputFiles(
      csvFile(
        'name,email,phone,region_code,language\nБолат Ахметов,bolat@example.kz,,KZ-39,kk\nНикто,nobody@example.kz,,KZ-99,ru\n',
      ),
    );
    await imp.getByRole('button', { name: L['import.submit'] }).click();
    const refused = card.getByRole('alert').filter({ hasText: 'Ничего не загружено' });
    await refused.getByText('Строка 3: Действующего региона с кодом KZ-99 нет.').waitFor();
    expect(await refused.innerText()).not.toMatch(/does not exist|line \d/i);
    expect(await page.locator('.list-item', { hasText: 'Болат Ахметов' }).count()).toBe(0);

    await file.setInputFiles(
      csvFile('name,email,phone,region_code,language\nБолат Ахметов,bolat@example.kz,,KZ-39,kk\n'),
    );
    await imp.getByRole('button', { name: L['import.submit'] }).click();
    await card.getByRole('status').filter({ hasText: 'Загружено 1 человек' }).waitFor();
    await page.locator('.list-item', { hasText: 'Болат Ахметов' }).waitFor();
    const list = (await api(`/programs/${programId}/expected-people`)).body;
    expect(list.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual([
      'Болат Ахметов',
      'Әлия Құрманова',
    ]);
    await shot(page, 'organizer-05-people');
    await expectNoSeriousA11yViolations(page);
  });

  it('shows the editing screens in Kazakh, with no English left, and fits them on a 360 px phone', async () => {
    const en = ORGANIZER_STRINGS.en;
    const kz = ORGANIZER_STRINGS.kk;
    // Fixed parts of the console's English strings that differ from the Kazakh ones.
    const english = Object.entries(en).flatMap(([key, text]) =>
      text === kz[key as keyof typeof kz]
        ? []
        : text
            .split(/\{\w+\}/)
            .map((f) => f.trim())
            .filter((f) => f.length >= 5 && /[A-Za-z]{4}/.test(f))
            .map((fragment) => ({ key, fragment })),
    );
    await page.goto(url(`/app/organizer/programs/${programId}`));
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await page.getByText(kz['draft.program']).waitFor();
    // The reminder times in Kazakh words: Chromium's ICU has no Kazakh units or lists, and
    // Intl's unit formatting printed "Қазір: 1 d, 30 min." here.
    await page.getByText(fill(kz['reminders.now'], { list: '1 күн және 30 минут' })).waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    const pages: [string, string][] = [
      [`/app/organizer/programs/${programId}`, kz['program.edit']],
      [`/app/organizer/programs/${programId}/people`, kz['people.title']],
      [`/app/organizer/programs/${programId}/report`, kz['report.title']],
      [`/app/organizer/sessions/${sessionId}`, kz['recording.title']],
      [`/app/organizer/sessions/${sessionId}/sections`, kz['action.up']],
      [`/app/organizer/sessions/${otherId}/reminders`, kz['reminders.title'].split(' ')[0]],
    ];
    for (const [path, shown] of pages) {
      await page.goto(url(path));
      await page.getByText(shown).first().waitFor();
      const text = await readableText(page);
      expect([path, english.filter(({ fragment }) => text.includes(fragment))]).toEqual([path, []]);
      expect([path, await englishLeftOver(page)]).toEqual([path, []]);
      expect([path, (await horizontalOverflow(page)).scrollWidth]).toEqual([path, 360]);
    }
    // Why reminders went unsent is said in words, not as the stored code.
    await page.getByText(kz['reason.registration_cancelled']).first().waitFor();
    expect(await readableText(page)).not.toContain('registration_cancelled');
    await shot(page, 'organizer-06-program-kk-phone');
    await expectNoSeriousA11yViolations(page);
  });
});
