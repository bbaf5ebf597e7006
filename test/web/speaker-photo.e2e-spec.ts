/**
 * A speaker's photo in a real browser (headless Debian Chromium against the real api, worker and
 * gateway): the organizer uploads it in the console (a text file renamed .png and a file over
 * 2 MB are refused with translated messages; a real image is previewed, then saved); the public
 * session page on a 360 px phone shows it beside the name and bio, loaded under the api's CSP;
 * removing it asks first. The API is only read to check what the pages did.
 */
import type { Browser, Page } from 'playwright-core';
import { ru } from '../../apps/web/src/i18n/strings';
import { ORGANIZER_STRINGS } from '../../apps/web/src/organizer/organizer-strings';
import { PHOTO_STRINGS } from '../../apps/web/src/organizer/speaker-photo-strings';
import {
  addSpeaker,
  createOrganization,
  createProgram,
  createSession,
  createSpeaker,
} from '../support/factories';
import { PNG_3x2 } from '../support/photo-fixtures';
import { eventually } from '../support/wait';
import {
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

const browserDescribe = hasChromium ? describe : describe.skip;
const o = ORGANIZER_STRINGS.ru;
const ph = PHOTO_STRINGS.ru;
const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k]);
const PASSWORD = 'correct horse battery';
const NAME = 'Дана Омарова';

/** The decoded width of the image (0 while not loaded or when the browser could not decode it). */
const naturalWidth = (page: Page, selector: string) =>
  page.evaluate(
    `(() => { const i = document.querySelector(${JSON.stringify(selector)}); return i && i.complete ? i.naturalWidth : 0; })()`,
  ) as Promise<number>;

browserDescribe('speaker photos in a real browser (e2e)', () => {
  jest.setTimeout(120_000);
  let stack: WebStack;
  let browser: Browser;
  let org: Viewer;
  let page: Page;
  let organizerAuth: { Authorization: string };
  let speakerId: string;
  let sessionId: string;

  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startWebStack();
    browser = await launchChromium();
    const ds = stack.api.ds;
    const organization = await createOrganization(ds);
    const program = await createProgram(ds, {
      organizationId: organization.id,
      title: { ru: 'Школа молодого политика' },
      status: 'published',
    });
    sessionId = (
      await createSession(ds, program.id, { title: { ru: 'Бюджет региона' }, localStart: '2031-05-20T10:00' })
    ).id;
    speakerId = (await createSpeaker(ds, { fullName: NAME, bio: { ru: 'Экономист, 12 лет в маслихате.' } }))
      .id;
    await addSpeaker(ds, sessionId, speakerId);
    const signed = await stack.api.signIn({
      email: `speaker-photo-${Date.now()}@test.qatys`,
      password: PASSWORD,
      roles: ['organizer'],
      organizationId: organization.id,
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    organizerAuth = signed.auth;

    org = await openViewer(browser);
    page = org.page;
    await page.goto(url('/app/signin'));
    await page.getByLabel(ru['signin.email']).fill(signed.email);
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
    // A page error or a CSP violation is a bug even when the assertions passed.
    expect(org.errors.splice(0)).toEqual([]);
  });

  const speakerView = async () =>
    (await stack.api.http.get(`/speakers/${speakerId}`).set(organizerAuth).expect(200)).body as {
      photoUrl: string | null;
    };

  it('refuses a text file renamed .png and a file over 2 MB, in Russian, then saves a real photo after a preview', async () => {
    await page.goto(url('/app/organizer/speakers'));
    await page.getByRole('button', { name: fill(o['speakers.edit'], { name: NAME }) }).click();
    const field = page.getByRole('group', { name: ph['photo.legend'] });
    await field.getByText(ph['photo.none']).waitFor();
    const chooser = field.getByLabel(ph['photo.choose']);

    await chooser.setInputFiles({
      name: 'portrait.png',
      mimeType: 'image/png',
      buffer: Buffer.from('name,email\n'),
    });
    await field.getByRole('button', { name: ph['photo.upload'] }).click();
    await field.getByText(ph['err.unsupported_image_type']).waitFor();

    await chooser.setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([PNG_3x2, Buffer.alloc(2 * 1024 * 1024)]),
    });
    await field.getByText(ph['err.payload_too_large']).waitFor();
    expect(await field.getByRole('button', { name: ph['photo.upload'] }).count()).toBe(0);
    expect((await speakerView()).photoUrl).toBeNull();

    // By keyboard: the hidden input still takes the focus and opens the file chooser.
    const [picker] = await Promise.all([page.waitForEvent('filechooser'), chooser.press('Space')]);
    await picker.setFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: PNG_3x2 });
    const preview = field.getByRole('img', { name: fill(ph['photo.preview'], { name: NAME }) });
    await preview.waitFor();
    await eventually(async () => expect(await naturalWidth(page, 'img.speaker-photo-large.preview')).toBe(3));
    await field.getByRole('button', { name: ph['photo.upload'] }).click();
    await field.getByText(ph['photo.saved']).waitFor();
    await field.getByRole('img', { name: fill(ph['photo.current'], { name: NAME }) }).waitFor();
    expect((await speakerView()).photoUrl).toMatch(new RegExp(`^/speakers/${speakerId}/photo\\?v=`));
    // The list's thumbnail, fetched with the organizer's token and shown under the CSP.
    await eventually(async () => expect(await naturalWidth(page, 'img.speaker-thumb')).toBe(3));
    await shot(page, 'speaker-photo-console');
    await expectNoSeriousA11yViolations(page);
  });

  it('shows the photo on the public session page of a 360 px phone, with the name as its alt', async () => {
    const visitor = await openViewer(browser, { phone: true });
    try {
      await visitor.page.goto(url(`/app/sessions/${sessionId}`));
      const img = visitor.page.getByRole('img', { name: NAME });
      await img.waitFor();
      expect(await img.getAttribute('src')).toMatch(new RegExp(`^/public/speakers/${speakerId}/photo\\?v=`));
      await eventually(async () => expect(await naturalWidth(visitor.page, 'img.speaker-photo')).toBe(3));
      const box = (await img.boundingBox())!;
      expect([box.width, box.height]).toEqual([72, 72]);
      await visitor.page.getByText('Экономист, 12 лет в маслихате.').waitFor();
      const { scrollWidth, clientWidth } = await horizontalOverflow(visitor.page);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await shot(visitor.page, 'speaker-photo-public-phone');
      await expectNoSeriousA11yViolations(visitor.page);
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });

  it('removes the photo after asking', async () => {
    const field = page.getByRole('group', { name: ph['photo.legend'] });
    await field.getByRole('button', { name: ph['photo.remove'] }).click();
    const dialog = page.getByRole('dialog', { name: fill(ph['photo.confirmTitle'], { name: NAME }) });
    await dialog.getByRole('button', { name: ph['photo.remove'] }).click();
    await field.getByText(ph['photo.removed']).waitFor();
    await field.getByText(ph['photo.none']).waitFor();
    expect((await speakerView()).photoUrl).toBeNull();
  });
});
