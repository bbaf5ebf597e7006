/**
 * The organizer's people screens in a real browser (Debian Chromium) against the real api, worker
 * and gateway: an expected list is imported (a file with bad rows first: every row's reason in
 * Russian, nothing imported; then the fixed file), invitations go out through the worker's mail,
 * an invitee registers from their link in the browser, another declines with a reason; after
 * the session the organizer reads who did not come by name, downloads the CSV, writes to the
 * absentees (confirmed; Escape cancels), bulk-issues certificates following the progress to its
 * end, and revokes one (the public verification then says revoked). A 360 px phone in Kazakh
 * reads the list without sideways scrolling. No console error, no CSP violation.
 *
 * Setup that is not the subject here goes through the API or SQL: one invitee accepts through the
 * API, the session is moved into the past, and the present person's minutes are written as an
 * attendance interval (the gateway's own suites cover how intervals are recorded).
 */
import { randomUUID } from 'crypto';
import { Workbook } from 'exceljs';
import { readFileSync } from 'fs';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { LISTS_LINK_TEXT } from '../../apps/web/src/invitations/lists-link-text';
import { LISTS_STRINGS } from '../../apps/web/src/invitations/lists-strings';
import { kk, ru } from '../../apps/web/src/i18n/strings';
import { createModule, createProgram, createSession, regionByCode } from '../support/factories';
import { waitFor } from '../support/wait';
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

const browserDescribe = hasChromium ? describe : describe.skip;
const PASSWORD = 'correct horse battery';
const L = LISTS_STRINGS.ru;
const kkLists = LISTS_STRINGS.kk;

browserDescribe('organizer people screens in a real browser (e2e)', () => {
  jest.setTimeout(240_000);
  let stack: WebStack;
  let browser: Browser;
  const viewers: Viewer[] = [];

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

  async function viewer(opts: Parameters<typeof openViewer>[1] = { locale: 'ru-RU' }): Promise<Viewer> {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  }

  async function signIn(page: Page, email: string, words: typeof ru = ru): Promise<void> {
    await page.goto(`${stack.baseUrl}/app/signin`);
    await page.getByLabel(words['signin.email']).fill(email);
    await page.getByLabel(words['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: words['action.signIn'] }).click();
    // Signed in once the header names the person.
    await page.locator('.who-name').waitFor();
  }

  const csvFile = (text: string) => ({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

  /** Words of these screens' English table still visible on a page meant to be in Kazakh. */
  const ENGLISH_ONLY = Object.entries(LISTS_STRINGS.en).flatMap(([key, text]) =>
    text
      .split(/\{\w+\}/)
      .map((f) => f.trim())
      .filter(
        (f) => f.length >= 4 && /[A-Za-z]{3}/.test(f) && !Object.values(kkLists).some((k) => k.includes(f)),
      )
      .map((fragment) => ({ key, fragment })),
  );
  const englishWords = async (page: Page) => {
    const text = await readableText(page);
    return [
      ...ENGLISH_ONLY.filter(({ fragment }) => text.includes(fragment)).map(({ key }) => key),
      ...(await englishLeftOver(page)),
    ];
  };

  /** The item of a person (or certificate) in a list, by the text it shows. */
  const item = (page: Page, text: string) => page.locator('li.list-item', { hasText: text });
  /** The status chip of an item. */
  const chip = (l: Locator, text: string) => l.locator('.chip').getByText(text, { exact: true });

  it('imports a list, invites, follows who came and who did not, and issues and revokes certificates', async () => {
    const h = stack.api;
    const organizer = await h.signIn({
      roles: ['organizer'],
      language: 'ru',
      displayName: 'Организатор Академии',
    });
    const pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds, {
      title: {
        kk: 'Мәслихат депутаттарының мектебі',
        ru: 'Школа депутатов маслихата',
        en: 'Deputies School',
      },
    });
    const module = await createModule(h.ds, program.id, 1);
    const session = await createSession(h.ds, program.id, {
      startAt: DateTime.utc().plus({ days: 2 }).set({ minute: 0, second: 0, millisecond: 0 }).toJSDate(),
      durationMinutes: 60,
      moduleId: module.id,
      targetRegionIds: [pavlodar],
      title: { kk: 'Бюджет', ru: 'Бюджет', en: 'Budget' },
    });
    const listed = async () =>
      (
        await h.ds.query(`SELECT count(*)::int AS n FROM expected_people WHERE scope_id = $1`, [program.id])
      )[0].n as number;

    const { page, errors } = await viewer();
    await signIn(page, organizer.email);
    await page.goto(`${stack.baseUrl}/app/organizer/programs/${program.id}`);
    await page.getByRole('link', { name: LISTS_LINK_TEXT.ru }).click();
    await page.getByRole('heading', { name: L['lists.title'] }).waitFor();

    // A file with two bad rows: both reasons in Russian, by line; nothing imported.
    const fileInput = page.getByLabel(L['import.file']);
    await fileInput.setInputFiles(
      csvFile(
        'name,email,region_code,language\n' +
          'Айгерим Нурланова,aigerim@lists.test,KZ-55,ru\n' +
          'Болат Серіков,bolat@lists.test,KZ-99,kk\n' +
          'Айгерим Дубль,aigerim@lists.test,KZ-55,ru\n',
      ),
    );
    await page.getByRole('button', { name: L['import.submit'] }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Ничего не загружено' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('исправить нужно 2 строки');
    await alert.getByText('Строка 3: Действующего региона с кодом KZ-99 нет.').waitFor();
    await alert.getByText('Строка 4: Почта aigerim@lists.test уже есть в строке 2.').waitFor();
    expect(await alert.innerText()).not.toMatch(/does not exist|duplicate|line \d/);
    expect(await listed()).toBe(0);

    // The fixed file: four people of Pavlodar region.
    await fileInput.setInputFiles(
      csvFile(
        'name,email,region_code,language,organization,position\n' +
          'Айгерим Нурланова,aigerim@lists.test,KZ-55,ru,Маслихат Павлодара,Депутат\n' +
          'Болат Серіков,bolat@lists.test,KZ-55,kk,Маслихат Экибастуза,Депутат\n' +
          'Сергей Иванов,sergey@lists.test,KZ-55,ru,,\n' +
          'Дана Ахметова,dana@lists.test,KZ-55,ru,,\n',
      ),
    );
    await page.getByRole('button', { name: L['import.submit'] }).click();
    await page.getByRole('status').filter({ hasText: 'Загружено 4 человека' }).waitFor();
    expect(await listed()).toBe(4);
    await chip(item(page, 'Айгерим Нурланова'), L['status.listed']).waitFor();
    const counts = page.locator('li[data-region]', { hasText: 'Павлодарская область' });
    await counts.getByText('4 человека').waitFor();
    await counts.getByText(`${L['status.listed']}: 4`).waitFor();

    // Invitations: the worker mails each one their personal link.
    await page.getByRole('button', { name: L['invite.send'] }).click();
    await page.getByRole('status').filter({ hasText: 'Отправлено: 4 приглашения.' }).waitFor();
    await counts.getByText(`${L['status.invited']}: 4`).waitFor();
    const linkOf = async (email: string) => {
      const mail = await waitFor(`the invitation mail to ${email}`, () =>
        stack.mail.messages.find((m) => m.to.includes(email)),
      );
      return /(http:\/\/127\.0\.0\.1:\d+\/app\/invite\/[\w.-]+)/.exec(mail.text)![1];
    };

    // Айгерим registers from her link in her own browser; Дана through the API; Болат declines.
    const invitee = await viewer();
    await invitee.page.goto(await linkOf('aigerim@lists.test'));
    await invitee.page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await invitee.page.getByText('Вы зарегистрированы.', { exact: false }).waitFor();
    const token = (link: string) => link.split('/invite/')[1];
    await h.http.post(`/invitations/${token(await linkOf('dana@lists.test'))}/accept`).expect(200);
    await h.http
      .post(`/invitations/${token(await linkOf('bolat@lists.test'))}/decline`)
      .send({ reason: 'Сессия маслихата в тот же день' })
      .expect(200);

    await page.reload();
    await chip(item(page, 'Айгерим Нурланова'), L['status.registered']).waitFor();
    const bolat = item(page, 'Болат Серіков');
    await chip(bolat, L['status.declined']).waitFor();
    await bolat.getByText('Причина: Сессия маслихата в тот же день').waitFor();
    await counts.getByText(`${L['status.registered']}: 2`).waitFor();
    await counts.getByText(`${L['status.invited']}: 1`).waitFor();
    // Times carry their zone.
    expect(await item(page, 'Сергей Иванов').innerText()).toMatch(/Приглашён .*\((?:[^)]*, )?UTC\+\d+\)/);
    await shot(page, 'lists-expected');
    await expectNoSeriousA11yViolations(page);
    // Finding one person in a long list.
    await page.getByLabel(L['people.search']).fill('серг');
    await item(page, 'Сергей Иванов').waitFor();
    expect(await page.locator('li.person').count()).toBe(1);

    // The session happens: moved into the past; Дана was there for the whole hour.
    const start = DateTime.utc().minus({ hours: 3 }).set({ second: 0, millisecond: 0 });
    await h.ds.query(`UPDATE sessions SET start_at = $2, end_at = $3, status = 'ended' WHERE id = $1`, [
      session.id,
      start.toJSDate(),
      start.plus({ minutes: 60 }).toJSDate(),
    ]);
    const [dana] = await h.ds.query(
      `SELECT r.id, r.user_id FROM registrations r JOIN users u ON u.id = r.user_id
        WHERE u.email = 'dana@lists.test' AND r.session_id = $1`,
      [session.id],
    );
    await h.ds.query(
      `INSERT INTO attendance_intervals (id, session_id, user_id, registration_id, joined_at, left_at, left_reason)
       VALUES ($1, $2, $3, $4, $5, $6, 'left')`,
      [
        randomUUID(),
        session.id,
        dana.user_id,
        dana.id,
        start.toJSDate(),
        start.plus({ minutes: 60 }).toJSDate(),
      ],
    );

    // Who did not come, from the session's console.
    await page.goto(`${stack.baseUrl}/app/organizer/sessions/${session.id}`);
    await page.getByRole('link', { name: LISTS_LINK_TEXT.ru }).click();
    await page.getByRole('link', { name: L['tab.absent'] }).click();
    const region = page.getByRole('region', { name: 'Павлодарская область' });
    await region.waitFor();
    const registeredAbsent = region.locator('[data-absent="registered"]');
    const invitedAbsent = region.locator('[data-absent="invited"]');
    await registeredAbsent.getByText('Айгерим Нурланова').waitFor();
    expect(await registeredAbsent.locator('li').count()).toBe(1);
    await invitedAbsent.getByText('Сергей Иванов').waitFor();
    await chip(item(page, 'Болат Серіков'), L['status.declined']).waitFor();
    expect(await invitedAbsent.locator('li').count()).toBe(2);
    expect(await region.innerText()).not.toContain('Дана Ахметова');
    await shot(page, 'lists-absent');
    await expectNoSeriousA11yViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: L['absent.csvRegistered'] }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(
      'kind,region,full_name,email,phone,organization,position,status,listed',
    );
    expect(csv).toContain('Айгерим Нурланова');
    expect(csv).not.toContain('Сергей Иванов');

    // Writing to the absentees asks first: Escape cancels (nothing recorded), focus stays inside.
    const followUps = async () =>
      (await h.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'absentees.followup'`))[0]
        .n as number;
    const recording = page.getByLabel(L['followup.recording']);
    await recording.fill('запись на диске');
    await page.getByRole('button', { name: L['followup.send'] }).click();
    await page.getByRole('alert').filter({ hasText: L['followup.recordingInvalid'] }).waitFor();
    const dialog = page.getByRole('dialog', { name: L['followup.confirmTitle'] });
    expect(await dialog.isVisible()).toBe(false);
    await recording.fill('https://video.example.kz/rec/42');
    await page.getByRole('button', { name: L['followup.send'] }).click();
    await dialog.waitFor();
    await dialog.getByText('Письма получат 2 человека.').waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(`!!document.activeElement.closest('dialog')`)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await followUps()).toBe(0);
    await page.getByRole('button', { name: L['followup.send'] }).click();
    await dialog.getByRole('button', { name: L['followup.confirm'] }).click();
    await page.getByRole('status').filter({ hasText: L['followup.sent'] }).waitFor();
    const followUpMail = await waitFor('the follow-up mail to the registered absentee', () =>
      stack.mail.messages.find(
        (m) => m.to.includes('aigerim@lists.test') && m.headers['x-qatys-kind'] === 'absentees.followup',
      ),
    );
    expect(followUpMail.text).toContain('https://video.example.kz/rec/42');

    // Certificates of the program: the bulk issue's progress to its end, then revoke one.
    await page.goto(`${stack.baseUrl}/app/organizer/programs/${program.id}/invitations`);
    await page.getByRole('link', { name: L['tab.certs'] }).click();
    await page.getByText(L['certs.none']).waitFor();
    await page.getByRole('button', { name: L['certs.issue'] }).click();
    await page.getByRole('status').filter({ hasText: 'Готово: 1 сертификат.' }).waitFor();
    await chip(item(page, 'Дана Ахметова'), L['cert.issued']).waitFor();
    const [row] = await h.ds.query(
      `SELECT c.number, c.verify_code FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.email = 'dana@lists.test'`,
    );
    const cert = page.locator(`li[data-certificate="${row.number}"]`);
    await cert.getByRole('link', { name: `${L['certs.verify']}, № ${row.number}` }).waitFor();
    expect(await cert.getByRole('link', { name: /Страница проверки/ }).getAttribute('href')).toBe(
      `/verify/${row.verify_code}?lang=ru`,
    );
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      cert.getByRole('button', { name: `Скачать PDF: Дана Ахметова, № ${row.number}` }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`${row.number}.pdf`);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await cert.getByRole('button', { name: `Отозвать: Дана Ахметова, № ${row.number}` }).click();
    const revoke = page.getByRole('dialog', { name: `Отозвать сертификат № ${row.number}?` });
    await revoke.getByLabel(L['certs.reason']).fill('Ошибка в имени');
    await revoke.getByRole('button', { name: L['certs.revoke'], exact: true }).click();
    await chip(cert, L['cert.revoked']).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Сертификат № ${row.number} отозван.` })
      .waitFor();
    const verified = await h.http.get(`/certificates/verify/${row.verify_code}`).expect(200);
    expect(verified.body.status).toBe('revoked');

    // Re-issue: Escape first changes nothing; then a new number, made by the worker.
    const certCount = async () =>
      (await h.ds.query(`SELECT count(*)::int AS n FROM certificates WHERE program_id = $1`, [program.id]))[0]
        .n as number;
    await cert.getByRole('button', { name: `Перевыпустить: Дана Ахметова, № ${row.number}` }).click();
    const reissue = page.getByRole('dialog', { name: `Перевыпустить сертификат № ${row.number}?` });
    await reissue.waitFor();
    await page.keyboard.press('Escape');
    await reissue.waitFor({ state: 'hidden' });
    expect(await certCount()).toBe(1);
    await cert.getByRole('button', { name: `Перевыпустить: Дана Ахметова, № ${row.number}` }).click();
    await reissue.getByRole('button', { name: L['certs.reissue'], exact: true }).click();
    const renewed = page.locator('li[data-certificate]', { hasText: L['certs.replaces'] });
    await chip(renewed, L['cert.issued']).waitFor();
    const newNumber = await renewed.getAttribute('data-certificate');
    expect(newNumber).not.toBe(row.number);
    expect(await certCount()).toBe(2);
    // The revoked one cannot be re-issued twice.
    expect(await cert.getByRole('button', { name: /^Перевыпустить/ }).count()).toBe(0);
    await shot(page, 'lists-certificates');
    await expectNoSeriousA11yViolations(page);
    expect(errors).toEqual([]);

    // A coordinator's phone in Kazakh: the list reads without sideways scrolling.
    const coordinator = await h.signIn({
      roles: ['coordinator'],
      language: 'kk',
      coordinatorRegionIds: [pavlodar],
    });
    const phone = await viewer({ phone: true, locale: 'kk-KZ' });
    await signIn(phone.page, coordinator.email, kk);
    await phone.page.goto(`${stack.baseUrl}/app/organizer/programs/${program.id}/invitations`);
    await phone.page.getByRole('heading', { name: kkLists['lists.title'] }).waitFor();
    await chip(item(phone.page, 'Болат Серіков'), kkLists['status.declined']).waitFor();
    // Only the coordinator's own region is offered.
    const regionOptions = await phone.page
      .getByLabel(kkLists['region.label'])
      .locator('option')
      .allInnerTexts();
    expect(regionOptions).toEqual([kkLists['region.all'], 'Павлодар облысы']);
    expect(await englishWords(phone.page)).toEqual([]);
    // Coordinators are not offered the certificates.
    expect(await phone.page.getByRole('link', { name: kkLists['tab.certs'] }).count()).toBe(0);
    const { scrollWidth, clientWidth } = await horizontalOverflow(phone.page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await shot(phone.page, 'lists-phone-kk');
    await expectNoSeriousA11yViolations(phone.page);
    // Who did not come reads on the phone too, in Kazakh.
    await phone.page.getByRole('link', { name: kkLists['tab.absent'] }).click();
    await phone.page.locator('[data-absent="registered"]').getByText('Айгерим Нурланова').waitFor();
    expect(await englishWords(phone.page)).toEqual([]);
    const absentWidth = await horizontalOverflow(phone.page);
    expect(absentWidth.scrollWidth).toBeLessThanOrEqual(absentWidth.clientWidth);
    await shot(phone.page, 'lists-phone-kk-absent');
    await expectNoSeriousA11yViolations(phone.page);
    expect(phone.errors).toEqual([]);
  });

  it('imports an Excel workbook for a session, in Kazakh', async () => {
    const h = stack.api;
    const organizer = await h.signIn({ roles: ['organizer'], language: 'kk', displayName: 'Ұйымдастырушы' });
    const pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    const program = await createProgram(h.ds, {
      title: { kk: 'Жас саясаткер мектебі', ru: 'Школа', en: 'School' },
    });
    const session = await createSession(h.ds, program.id, {
      startAt: DateTime.utc().plus({ days: 3 }).set({ minute: 0, second: 0, millisecond: 0 }).toJSDate(),
      targetRegionIds: [pavlodar],
    });
    const book = new Workbook();
    const sheet = book.addWorksheet('Тізім');
    sheet.addRow(['Аты-жөні', 'email', 'region_code', 'тіл']);
    sheet.addRow(['Әлия Құрманова', 'aliya@xlsx.test', 'KZ-55', 'kk']);
    sheet.addRow(['Нұржан Әбдіров', 'nurzhan@xlsx.test', 'KZ-55', 'kk']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    const { page, errors } = await viewer({ locale: 'kk-KZ' });
    await signIn(page, organizer.email, kk);
    await page.goto(`${stack.baseUrl}/app/organizer/sessions/${session.id}`);
    await page.getByRole('link', { name: LISTS_LINK_TEXT.kk }).click();
    // No list of its own yet: the program's applies, and the page says so.
    await page.getByText(kkLists['people.sessionUsesProgram']).waitFor();
    await page.getByLabel(kkLists['import.file']).setInputFiles({
      name: 'тізім.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.getByText('тізім.xlsx').waitFor();
    await page.getByRole('button', { name: kkLists['import.submit'] }).click();
    await page.getByRole('status').filter({ hasText: '2 адам жүктелді' }).waitFor();
    await chip(item(page, 'Әлия Құрманова'), kkLists['status.listed']).waitFor();
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM expected_people WHERE scope_type = 'session' AND scope_id = $1`,
      [session.id],
    );
    expect(n).toBe(2);
    expect(await englishWords(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
