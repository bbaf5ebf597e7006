/**
 * The admin screens in a real browser (Debian Chromium) against the real api serving the
 * production build: an admin makes a user a coordinator of two regions, retires and restores a
 * region (each irreversible step behind a confirmation), and disables a user, who then cannot
 * sign in. Everything goes through the app; the database is only read to check the end states.
 */
import type { Browser, Page } from 'playwright-core';
import { Region, User } from '@qatys/domain';
import { ADMIN_STRINGS } from '../../apps/web/src/admin/admin-strings';
import { kk, ru } from '../../apps/web/src/i18n/strings';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { regionByCode } from '../support/factories';
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
import { freePort } from './support/stack';

const browserDescribe = hasChromium ? describe : describe.skip;
const a = ADMIN_STRINGS.ru;
const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k]);
const PASSWORD = 'correct horse battery';

browserDescribe('admin screens in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let h: ApiHarness;
  let baseUrl: string;
  let browser: Browser;
  let admin: SignedIn;
  const viewers: Viewer[] = [];
  const url = (path: string) => `${baseUrl}${path}`;

  async function viewer(opts: Parameters<typeof openViewer>[1] = { locale: 'ru-RU' }): Promise<Viewer> {
    const v = await openViewer(browser, opts);
    viewers.push(v);
    return v;
  }

  async function signIn(page: Page, email: string, words: typeof ru = ru): Promise<void> {
    await page.goto(url('/app/signin'));
    await page.getByLabel(words['signin.email']).fill(email);
    await page.getByLabel(words['signin.password']).fill(PASSWORD);
    await page.getByRole('button', { name: words['action.signIn'] }).click();
  }

  const userRow = (ds: ApiHarness['ds'], id: string) => ds.getRepository(User).findOneByOrFail({ id });
  const regionRow = (ds: ApiHarness['ds'], id: number) => ds.getRepository(Region).findOneByOrFail({ id });

  beforeAll(async () => {
    ensureWebBuild();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    h = await startApi({ PUBLIC_BASE_URL: baseUrl });
    await h.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    admin = await h.signIn({ roles: ['admin'], displayName: 'Админ Платформы', language: 'ru' });
  });

  afterAll(async () => {
    for (const v of viewers) expect(v.errors).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('makes a user the coordinator of two regions, from the console nav', async () => {
    const target = await h.signIn({ roles: ['attendee'], displayName: 'Гүлнар Сейітова' });
    const [pavlodar, kostanay] = await Promise.all([
      regionByCode(h.ds, 'KZ-55'),
      regionByCode(h.ds, 'KZ-39'),
    ]);
    const { page } = await viewer();
    await signIn(page, admin.email);
    await page.getByText('Админ Платформы').waitFor();
    await page.goto(url('/app/organizer'));
    await page
      .getByRole('navigation', { name: ru['console.title'] })
      .getByRole('link', { name: a['admin.nav'] })
      .click();
    await page.getByRole('heading', { name: a['admin.users'] }).waitFor();

    await page.getByLabel(a['users.search']).fill('сейітова');
    await page.getByRole('button', { name: a['users.find'] }).click();
    await page.getByText(fill(a['users.count.one'], { count: '1' })).waitFor();
    await page.getByRole('link', { name: 'Гүлнар Сейітова' }).click();
    await page.getByRole('heading', { name: 'Гүлнар Сейітова' }).waitFor();

    // A coordinator without a region is refused before anything is sent.
    await page.getByRole('checkbox', { name: a['role.coordinator'] }).check();
    await page.getByRole('button', { name: a['user.save'] }).click();
    await page.getByText(a['user.needRegion']).waitFor();
    expect((await userRow(h.ds, target.id)).roles).toEqual(['attendee']);

    const regions = page.getByRole('group', { name: a['user.regionsLegend'] });
    await regions.getByRole('checkbox', { name: pavlodar.nameRu, exact: true }).check();
    await regions.getByRole('checkbox', { name: kostanay.nameRu, exact: true }).check();
    await page.getByRole('button', { name: a['user.save'] }).click();
    await page.getByText(fill(a['user.saved'], { name: 'Гүлнар Сейітова' })).waitFor();
    const saved = await userRow(h.ds, target.id);
    expect(saved.roles.sort()).toEqual(['attendee', 'coordinator']);
    expect(saved.coordinatorRegionIds.sort((x, y) => x - y)).toEqual(
      [pavlodar.id, kostanay.id].sort((x, y) => x - y),
    );

    // The next sign-in carries the new roles.
    const login = await h.http
      .post('/auth/login')
      .send({ email: target.email, password: PASSWORD })
      .expect(200);
    expect(login.body.user).toMatchObject({ roles: expect.arrayContaining(['coordinator']) });
    expect(login.body.user.coordinatorRegionIds.sort()).toEqual([pavlodar.id, kostanay.id].sort());
    await shot(page, 'admin-user-coordinator');
    await expectNoSeriousA11yViolations(page);
  });

  it('retires a region only after a confirmation, and restores it', async () => {
    const abai = await regionByCode(h.ds, 'KZ-10');
    const { page } = await viewer();
    await signIn(page, admin.email);
    await page.getByText('Админ Платформы').waitFor();
    await page.goto(url('/app/admin/regions'));
    const retire = page.getByRole('button', { name: fill(a['regions.retire'], { name: abai.nameRu }) });

    // Cancelled: nothing happens.
    await retire.click();
    const dialog = page.getByRole('dialog', {
      name: fill(a['regions.retireQuestion'], { name: abai.nameRu }),
    });
    await dialog.waitFor();
    await shot(page, 'admin-region-retire-confirm');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: a['confirm.cancel'] }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await regionRow(h.ds, abai.id)).retiredAt).toBeNull();

    // Escape cancels too (keyboard).
    await retire.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await regionRow(h.ds, abai.id)).retiredAt).toBeNull();

    await retire.click();
    await dialog.getByRole('button', { name: a['regions.retireConfirm'], exact: true }).click();
    await page.getByText(fill(a['regions.retiredNow'], { name: abai.nameRu })).waitFor();
    expect((await regionRow(h.ds, abai.id)).retiredAt).not.toBeNull();
    const publicList = await h.http.get('/regions').expect(200);
    expect(publicList.body.map((r: { code: string }) => r.code)).not.toContain('KZ-10');
    // The retired row says since when, with the zone.
    const row = page.getByRole('listitem').filter({ hasText: abai.nameRu });
    await waitFor('the retired chip with its zone', async () =>
      /Asia\/Almaty, UTC\+\d/.test((await row.textContent()) ?? ''),
    );

    await page.getByRole('button', { name: fill(a['regions.restore'], { name: abai.nameRu }) }).click();
    await page.getByText(fill(a['regions.restoredNow'], { name: abai.nameRu })).waitFor();
    expect((await regionRow(h.ds, abai.id)).retiredAt).toBeNull();
    await retire.waitFor();
  });

  it('disables a user after a confirmation; they can no longer sign in until enabled again', async () => {
    const target = await h.signIn({ roles: ['attendee'], displayName: 'Ерлан Жақсылықов' });
    const { page } = await viewer();
    await signIn(page, admin.email);
    await page.getByText('Админ Платформы').waitFor();
    await page.goto(url('/app/admin'));
    await page.getByLabel(a['users.search']).fill(target.email);
    await page.getByRole('button', { name: a['users.find'] }).click();
    await page.getByRole('link', { name: 'Ерлан Жақсылықов' }).click();

    await page.getByRole('button', { name: a['user.disable'] }).click();
    const dialog = page.getByRole('dialog', {
      name: fill(a['user.disableQuestion'], { name: 'Ерлан Жақсылықов' }),
    });
    await dialog.getByRole('button', { name: a['user.disableConfirm'], exact: true }).click();
    await page.getByText(fill(a['user.disabledNow'], { name: 'Ерлан Жақсылықов' })).waitFor();
    await page.getByRole('button', { name: a['user.enable'] }).waitFor();
    expect((await userRow(h.ds, target.id)).disabledAt).not.toBeNull();
    await shot(page, 'admin-user-disabled');
    await expectNoSeriousA11yViolations(page);

    // The disabled person, in their own browser, cannot sign in.
    const them = await viewer();
    await signIn(them.page, target.email);
    await them.page.getByText(ru['signin.wrong']).waitFor();
    await h.http.post('/auth/login').send({ email: target.email, password: PASSWORD }).expect(401);

    // Enabling needs no confirmation (nothing is lost) and lets them in again.
    await page.getByRole('button', { name: a['user.enable'] }).click();
    await page.getByText(fill(a['user.enabledNow'], { name: 'Ерлан Жақсылықов' })).waitFor();
    expect((await userRow(h.ds, target.id)).disabledAt).toBeNull();
    await signIn(them.page, target.email);
    await them.page.getByText('Ерлан Жақсылықов').waitFor();
  });

  it('keeps everyone else out: no admin link for an organizer, and the admin page says so', async () => {
    const organizer = await h.signIn({ roles: ['organizer'], displayName: 'Ұйымдастырушы Бір' });
    const { page } = await viewer();
    await signIn(page, organizer.email);
    await page.getByText('Ұйымдастырушы Бір').waitFor();
    await page.goto(url('/app/organizer'));
    const nav = page.getByRole('navigation', { name: ru['console.title'] });
    await nav.getByRole('link', { name: ru['nav.speakers'] }).waitFor();
    expect(await nav.getByRole('link', { name: a['admin.nav'] }).count()).toBe(0);
    await page.goto(url('/app/admin'));
    await page.getByText(a['admin.noAccess']).waitFor();
    await h.http.get('/users').set(organizer.auth).expect(200);
    await h.http.post(`/users/${admin.id}/disable`).set(organizer.auth).expect(403);
  });

  it('speaks Kazakh on a 360 px phone: no English admin words, no sideways scrolling', async () => {
    const kkAdmin = await h.signIn({ roles: ['admin'], displayName: 'Әкімші Екі', language: 'kk' });
    const someone = await h.signIn({ roles: ['attendee'], displayName: 'Айжан Бекова' });
    const k = ADMIN_STRINGS.kk;
    const english = Object.entries(ADMIN_STRINGS.en)
      .filter(([key, text]) => text !== k[key as keyof typeof k])
      .flatMap(([, text]) => text.split(/\{\w+\}/).map((f) => f.trim()))
      .filter((f) => f.length >= 4 && /[A-Za-z]{3}/.test(f));
    const { page } = await viewer({ phone: true, locale: 'kk-KZ' });
    await signIn(page, kkAdmin.email, kk);
    await page.getByText('Әкімші Екі').waitFor();
    for (const [path, heading] of [
      ['/app/admin', k['admin.users']],
      [`/app/admin/users/${someone.id}`, 'Айжан Бекова'],
      ['/app/admin/regions', k['admin.regions']],
    ] as const) {
      await page.goto(url(path));
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.getByRole('navigation', { name: k['admin.title'] }).waitFor();
      const text = await readableText(page);
      expect({ path, english: english.filter((f) => text.includes(f)) }).toEqual({ path, english: [] });
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      expect({ path, scrollWidth }).toEqual({ path, scrollWidth: clientWidth });
      await shot(page, `admin-kk-phone${path.replace(/\//g, '-')}`);
      await expectNoSeriousA11yViolations(page);
    }
  });
});
