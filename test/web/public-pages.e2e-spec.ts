/**
 * The public side in a real browser (Debian Chromium) against the real api, worker and SMTP
 * server, with no API call outside the app for what a visitor does: two people sign up from two
 * regions (one on a 360x740 phone, in Kazakh), find a published program's session on the public
 * pages, register for its one seat (the second joins the waiting list), see it in "my sessions",
 * the first cancels (with a confirmation) and the second moves up; the first resets the password
 * through the mailed link. Share links carry the program's title in their <head>.
 */
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { PUBLIC_STRINGS } from '../../apps/web/src/i18n/public-strings';
import {
  createModule,
  createProgram,
  createSession,
  createSpeaker,
  addSpeaker,
  regionByCode,
} from '../support/factories';
import { waitFor } from '../support/wait';
import {
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

/** English words of the public pages' own table still visible on a page meant to be in Kazakh. */
async function englishOfPublicPages(page: Page): Promise<string[]> {
  const text = await readableText(page);
  const kkAll = Object.values(PUBLIC_STRINGS.kk).join('\n');
  return Object.entries(PUBLIC_STRINGS.en)
    .filter(([k, v]) => v !== PUBLIC_STRINGS.kk[k as keyof typeof PUBLIC_STRINGS.kk])
    .flatMap(([, v]) => v.split(/\{\w+\}/).map((f) => f.trim()))
    .filter((f) => f.length >= 6 && /[A-Za-z]{3}/.test(f) && !kkAll.includes(f) && text.includes(f));
}

browserDescribe('public program and session pages in a real browser (e2e)', () => {
  jest.setTimeout(180_000);
  let stack: WebStack;
  let browser: Browser;
  let programId: string;
  let sessionId: string;
  let pavlodar: number;
  let kostanay: number;
  let almaty: number;
  let day: string;
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const h = stack.api;
    pavlodar = (await regionByCode(h.ds, 'KZ-55')).id;
    kostanay = (await regionByCode(h.ds, 'KZ-39')).id;
    almaty = (await regionByCode(h.ds, 'KZ-75')).id;
    const program = await createProgram(h.ds, {
      title: {
        kk: 'Ішкі іріктеу мектебі',
        ru: 'Школа внутреннего отбора',
        en: 'Primaries school',
      },
      description: { kk: 'Төрт онлайн модуль', ru: 'Четыре онлайн-модуля', en: 'Four online modules' },
    });
    programId = program.id;
    const mod = await createModule(h.ds, programId, 1);
    await h.ds.query(`UPDATE program_modules SET title = $2 WHERE id = $1`, [
      mod.id,
      JSON.stringify({ kk: 'Праймериз қалай өтеді', ru: 'Как проходят праймериз', en: 'How primaries work' }),
    ]);
    const start = DateTime.now()
      .setZone('Asia/Almaty')
      .plus({ days: 2 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    day = start.toISODate()!;
    const session = await createSession(h.ds, programId, {
      moduleId: mod.id,
      title: { kk: 'Праймериз: бірінші күн', ru: 'Праймериз: день первый', en: 'Primaries: day one' },
      description: { kk: 'Топтық тапсырмалар', ru: 'Групповые задания', en: 'Group tasks' },
      startAt: start.toJSDate(),
      capacity: 1,
      targetRegionIds: [pavlodar, kostanay],
    });
    sessionId = session.id;
    const speaker = await createSpeaker(h.ds, {
      fullName: 'Айгерим Садыкова',
      bio: { kk: 'Журналист, саясаттанушы', ru: 'Журналист, политолог', en: 'Journalist' },
    });
    await addSpeaker(h.ds, sessionId, speaker.id);
    // A draft program stays out of every public page.
    await createProgram(h.ds, {
      status: 'draft',
      title: { ru: 'Черновик программы', kk: 'Жоба', en: 'Draft' },
    });
  });

  afterAll(async () => {
    for (const v of viewers) await v.context.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  const open = async (opts: Parameters<typeof openViewer>[1]) => {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  };

  it('puts the program title in the <head> of its share link', async () => {
    const res = await fetch(`${stack.baseUrl}/app/programs/${programId}?lang=kk`);
    const html = await res.text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<title>Ішкі іріктеу мектебі · Qatys</title>');
    expect(head).toContain('<meta property="og:title" content="Ішкі іріктеу мектебі · Qatys" />');
    expect(head).toContain('<meta property="og:description" content="Төрт онлайн модуль" />');
  });

  it('two people sign up from two regions, register, see it, cancel, move up, and one resets the password', async () => {
    const h = stack.api;

    // --- Dana, Pavlodar, Russian, desktop.
    const dana = await open({ locale: 'ru-RU', timezoneId: 'Asia/Almaty' });
    const a = dana.page;
    await a.goto(`${stack.baseUrl}/app/`);
    await a.getByRole('link', { name: 'Регистрация' }).click();
    await a.getByRole('heading', { name: 'Создать учётную запись' }).waitFor();
    await a.getByLabel('Ваше имя').fill('Дана Ахметова');
    await a.getByLabel('Электронная почта').fill('dana@public.test');
    await a.getByLabel('Пароль (не короче 8 символов)').fill('dana first password');
    await a.getByLabel('Мой регион').selectOption(String(pavlodar));
    await a.getByRole('button', { name: 'Создать учётную запись' }).click();
    await a.getByRole('heading', { name: 'Мои занятия' }).waitFor();
    await a.getByText('Вы ещё не записались ни на одно занятие.').waitFor();

    // The public pages: the program list (no draft), the program, the session.
    await a.getByRole('link', { name: 'Программы' }).click();
    await a.getByRole('link', { name: 'Школа внутреннего отбора' }).waitFor();
    expect(await a.getByText('Черновик программы').count()).toBe(0);
    await a.getByRole('link', { name: 'Школа внутреннего отбора' }).click();
    await a.getByRole('heading', { name: 'Модуль 1. Как проходят праймериз' }).waitFor();
    await a.getByText('Осталось 1 место').waitFor();
    await a.getByRole('link', { name: 'Праймериз: день первый' }).click();
    await a.getByRole('heading', { name: 'Праймериз: день первый' }).waitFor();
    await a.getByText('Павлодарская область, Костанайская область').waitFor();
    await a.getByText('Журналист, политолог').waitFor();
    await a.getByText('(Asia/Almaty, UTC+5)').first().waitFor();
    // The calendar links: the .ics of the API, Google and Outlook with the instants.
    const google = await a.getByRole('link', { name: 'Google Календарь' }).getAttribute('href');
    expect(google).toContain('calendar.google.com');
    expect(await a.getByRole('link', { name: 'Outlook' }).getAttribute('href')).toContain('outlook.live.com');
    const ics = await a.getByRole('link', { name: 'Файл календаря' }).getAttribute('href');
    const icsRes = await fetch(`${stack.baseUrl}${ics}`);
    expect(icsRes.status).toBe(200);
    expect(await icsRes.text()).toContain('BEGIN:VEVENT');

    await a.getByRole('button', { name: 'Записаться' }).click();
    await a.getByText('Вы записаны.', { exact: false }).waitFor();
    await a.getByText('Мест нет: можно встать в лист ожидания').waitFor();
    await shot(a, 'public-session-ru');
    await expectNoSeriousA11yViolations(a);

    // --- Olzhas, Kostanay, Kazakh, a 360x740 phone.
    const olzhas = await open({ phone: true, locale: 'kk-KZ', timezoneId: 'Asia/Qostanay' });
    const b = olzhas.page;
    await b.goto(`${stack.baseUrl}/app/signup?next=${encodeURIComponent(`/sessions/${sessionId}`)}`);
    await b.getByRole('button', { name: 'Қазақша' }).click();
    await b.getByRole('heading', { name: 'Тіркелгі ашу' }).waitFor();
    await b.getByLabel('Атыңыз').fill('Олжас Бекұлы');
    await b.getByLabel('Электрондық пошта').fill('olzhas@public.test');
    await b.getByLabel('Құпиясөз (кемінде 8 таңба)').fill('olzhas password');
    await b.getByLabel('Менің өңірім').selectOption(String(kostanay));
    expect(await b.getByLabel('Уақыт белдеуі').inputValue()).toBe('Asia/Qostanay');
    expect(await b.getByLabel('Сайт пен хабарламалар тілі').inputValue()).toBe('kk');
    await b.getByRole('button', { name: 'Тіркелгі ашу' }).click();
    // Back on the session page it came from, in Kazakh, with the session's own zone beside.
    await b.getByRole('heading', { name: 'Праймериз: бірінші күн' }).waitFor();
    await b.getByText('Сабақ уақыты').waitFor();
    await b.getByText('Бос орын жоқ: күту тізіміне жазылуға болады').waitFor();
    await b.getByRole('button', { name: 'Күту тізіміне жазылу' }).click();
    await b.getByText('Сіз күту тізіміндесіз.', { exact: false }).waitFor();
    const overflow = await horizontalOverflow(b);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    expect(await englishOfPublicPages(b)).toEqual([]);
    await shot(b, 'public-session-kk-phone');
    await expectNoSeriousA11yViolations(b);

    await b.getByRole('link', { name: 'Менің сабақтарым' }).click();
    await b.getByRole('heading', { name: 'Күту тізімінде' }).waitFor();
    await b.getByText('Праймериз: бірінші күн').waitFor();

    // --- Dana sees it in "my sessions" and cancels, confirming first.
    await a.getByRole('link', { name: 'Мои занятия' }).click();
    await a.getByRole('heading', { name: 'Предстоящие' }).waitFor();
    await a.getByRole('button', { name: 'Отменить мою запись' }).click();
    await a.getByText('Отменить запись на «Праймериз: день первый»?', { exact: false }).waitFor();
    // "No" has the focus (Enter twice undoes nothing) and keeps the seat; focus returns to the button.
    await a.keyboard.press('Enter');
    await a.getByRole('button', { name: 'Нет, оставить' }).waitFor({ state: 'detached' });
    expect(await a.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      'Отменить мою запись',
    );
    expect(
      (
        await h.ds.query(`SELECT status FROM registrations WHERE session_id = $1 AND status = 'registered'`, [
          sessionId,
        ])
      ).length,
    ).toBe(1);
    await a.getByRole('button', { name: 'Отменить мою запись' }).click();
    await a.getByRole('button', { name: 'Да, отменить' }).click();
    await a.getByRole('heading', { name: 'Отменённые' }).waitFor();

    // --- Olzhas moves up from the waiting list (the worker promotes him).
    await waitFor('Olzhas promoted', async () => {
      await b.reload();
      await b.getByRole('heading', { name: 'Менің сабақтарым' }).first().waitFor();
      return (await b.getByRole('heading', { name: 'Алдағы' }).count()) > 0;
    });
    await shot(b, 'my-sessions-kk-phone');
    await expectNoSeriousA11yViolations(b);
    const overflow2 = await horizontalOverflow(b);
    expect(overflow2.scrollWidth).toBeLessThanOrEqual(overflow2.clientWidth);

    // --- The schedule by region and day.
    await a.goto(`${stack.baseUrl}/app/schedule?region=${pavlodar}&date=${day}`);
    await a.getByRole('heading', { name: /Павлодарская область/ }).waitFor();
    await a.getByRole('link', { name: 'Праймериз: день первый' }).waitFor();

    // --- Dana forgets her password.
    await a.getByRole('button', { name: 'Выйти' }).click();
    await a.goto(`${stack.baseUrl}/app/signin`);
    await a.getByRole('link', { name: 'Забыли пароль?' }).click();
    await a.getByLabel('Электронная почта').fill('dana@public.test');
    await a.getByRole('button', { name: 'Прислать ссылку' }).click();
    await a.getByText('Если адрес dana@public.test привязан', { exact: false }).waitFor();
    const mail = await waitFor('the reset mail', () =>
      stack.mail.messages.find(
        (m) => m.to.includes('dana@public.test') && /reset-password/.test(m.text ?? ''),
      ),
    );
    expect(mail.subject).toBe('Восстановление пароля');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/app\/reset-password\?token=[\w.%-]+)/.exec(mail.text ?? '')![1];
    await a.goto(link);
    await a.getByLabel('Новый пароль (не короче 8 символов)').fill('dana second password');
    await a.getByLabel('Повторите новый пароль').fill('dana second password');
    await a.getByRole('button', { name: 'Сохранить новый пароль' }).click();
    await a.getByText('Пароль изменён.', { exact: false }).waitFor();
    await a.getByRole('link', { name: 'Войти' }).last().click();
    await a.getByLabel('Электронная почта').fill('dana@public.test');
    await a.getByLabel('Пароль').fill('dana second password');
    await a.getByRole('button', { name: 'Войти' }).click();
    await a.getByRole('button', { name: 'Выйти' }).waitFor();
    // The same link a second time says it is used.
    await a.goto(link);
    await a.getByLabel('Новый пароль (не короче 8 символов)').fill('dana third password');
    await a.getByLabel('Повторите новый пароль').fill('dana third password');
    await a.getByRole('button', { name: 'Сохранить новый пароль' }).click();
    await a.getByText('Ссылка недействительна, устарела или уже использована.', { exact: false }).waitFor();

    // The profile: language, zone, region, channel.
    await a.goto(`${stack.baseUrl}/app/profile`);
    await a.getByRole('heading', { name: 'Мой профиль' }).waitFor();
    // The channel's choices are drawn as radio buttons beside their words: the fields' width rule
    // had stretched each to a 40 px circle in a box as wide as the column, its words pushed aside.
    for (const name of ['Электронная почта', 'Система моей организации (вебхук)']) {
      const radio = (await a.getByRole('radio', { name }).boundingBox())!;
      expect({ name, width: Math.round(radio.width) <= 24, height: Math.round(radio.height) <= 24 }).toEqual({
        name,
        width: true,
        height: true,
      });
    }
    await a.getByLabel('Часовой пояс').selectOption('Asia/Qostanay');
    await a.getByRole('button', { name: 'Сохранить' }).click();
    await a.getByText('Сохранено.').waitFor();
    const [u] = await h.ds.query(`SELECT time_zone FROM users WHERE email = 'dana@public.test'`);
    expect(u.time_zone).toBe('Asia/Qostanay');

    expect(dana.errors).toEqual([]);
    expect(olzhas.errors).toEqual([]);
  });

  it('a visitor abroad: both clocks on a phone, sign-up keeping their zone, an off-region registration told plainly, a draft not found', async () => {
    const v = await open({ phone: true, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    await v.page.goto(`${stack.baseUrl}/app/programs/${programId}`);
    await v.page.getByRole('button', { name: 'English' }).click();
    await v.page.getByRole('heading', { name: 'Primaries school' }).waitFor();
    expect(await v.page.title()).toBe('Primaries school · Qatys');
    // A visitor in Berlin sees Berlin time and the session's own.
    await v.page.getByText('(Europe/Berlin, UTC+1)', { exact: false }).first().waitFor();
    await v.page.getByText('(Asia/Almaty, UTC+5)', { exact: false }).first().waitFor();
    const overflow = await horizontalOverflow(v.page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    await shot(v.page, 'public-program-en-phone');
    await expectNoSeriousA11yViolations(v.page);

    // Someone from a region the session is not for: the API's code, told in the page's language.
    await v.page.getByRole('link', { name: 'Sign up' }).click();
    await v.page.getByLabel('Your name').fill('Ruslan Abroad');
    await v.page.getByLabel('E-mail').fill('ruslan@public.test');
    await v.page.getByLabel('Password (8 characters or more)').fill('ruslan password');
    await v.page.getByLabel('Home region').selectOption(String(almaty));
    // Abroad: the zone stays the one chosen, not the region's.
    await v.page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await v.page.getByRole('button', { name: 'Create the account' }).click();
    await v.page.getByRole('heading', { name: 'My sessions' }).waitFor();
    const [ruslan] = await stack.api.ds.query(
      `SELECT time_zone, language, home_region_id FROM users WHERE email = 'ruslan@public.test'`,
    );
    expect(ruslan).toEqual({ time_zone: 'Europe/Berlin', language: 'en', home_region_id: almaty });
    await v.page.goto(`${stack.baseUrl}/app/sessions/${sessionId}`);
    await v.page.getByRole('button', { name: /Register|Join the waiting list/ }).click();
    await v.page
      .getByText('This session is for other regions. Check the home region in your profile.')
      .waitFor();
    await v.page.goto(`${stack.baseUrl}/app/programs/00000000-0000-4000-8000-000000000000`);
    await v.page.getByText('Not found: it may have been removed, or it is not published yet.').waitFor();
    expect(v.errors).toEqual([]);
  });
});
