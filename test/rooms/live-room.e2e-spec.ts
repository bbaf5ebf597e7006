import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { gatewaySchema, loadConfig } from '@qatys/config';
import { createGatewayApp } from '../../apps/gateway/src/gateway.bootstrap';
import { ru } from '../../apps/web/src/i18n/strings';
import { ROOM_STRINGS } from '../../apps/web/src/i18n/room-strings';
import { ApiHarness, SignedIn, startApi, TEST_JWT_SECRET } from '../support/api-harness';
import { regionByCode, createProgram, createSession } from '../support/factories';
import { JanusNetns, janusUnavailable } from '../support/janus-netns';
import { testEnv } from '../support/env';
import { waitFor } from '../support/wait';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  ensureWebBuild,
  hasChromium,
  openViewer,
  shot,
} from '../web/support/browser';
import { freePort } from '../web/support/stack';

/**
 * The live room in Chromium with fake camera and microphone: an organizer goes on camera from the
 * session console, two attendees from two regions open their join links on phones and decode the
 * speaker's frames inside the page (getStats framesDecoded > 0) while asking a question; their
 * room presence becomes attendance intervals. Janus and Chromium run in a network namespace made
 * here (Chromium reaches the api and gateway through relays): no media packet leaves it.
 */
const skip = janusUnavailable() ?? (hasChromium ? null : `no Chromium at ${CHROMIUM_PATH}`);
if (skip) console.warn(`\n!!! rooms: live-room browser suite SKIPPED: ${skip}\n`);
const d = skip ? describe.skip : describe;
const rr = ROOM_STRINGS.ru;

d('rooms: the live room in Chromium (fake media, real Janus)', () => {
  let janus: JanusNetns;
  let api: ApiHarness;
  let gateway: NestExpressApplication;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    ensureWebBuild();
    const [apiPort, gatewayPort] = [await freePort(), await freePort()];
    janus = await JanusNetns.start({ apiPort });
    // The browser lives in Janus's namespace and sees the api and gateway through relays.
    baseUrl = await janus.relay(apiPort);
    const gatewayUrl = await janus.relay(gatewayPort);
    api = await startApi({
      GATEWAY_PUBLIC_URL: gatewayUrl,
      PUBLIC_BASE_URL: baseUrl,
      JANUS_NODES: `n1=${janus.url}`,
      JANUS_ADMIN_KEY: janus.adminKey,
      JANUS_EVENTS_SECRET: janus.eventsSecret,
      VIDEO_DEFAULT_PROVIDER: 'builtin',
    });
    await api.app.listen(apiPort, '127.0.0.1');
    gateway = await createGatewayApp(
      loadConfig(gatewaySchema, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: api.config.DATABASE_URL,
        REDIS_URL: testEnv.redisUrl,
        REDIS_PREFIX: api.config.REDIS_PREFIX,
        JWT_SECRET: TEST_JWT_SECRET,
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_ALLOWED_ORIGINS: baseUrl,
        DB_POOL_SIZE: '4',
      }),
    );
    await gateway.listen(gatewayPort, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: janus.launcher(CHROMIUM_PATH),
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        // The camera needs a secure origin; the relay's address is one only by this flag (in
        // production the app is served over HTTPS).
        `--unsafely-treat-insecure-origin-as-secure=${baseUrl}`,
        // Plain addresses as candidates (no mDNS names Janus cannot resolve); inside the
        // namespace the only one is the link's.
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await api?.close();
    await janus?.close();
  });

  async function signedInPage(user: SignedIn, opts: { phone?: boolean } = {}): Promise<Page> {
    const v = await openViewer(browser, opts);
    const me = await api.http.get('/me').set(user.auth).expect(200);
    await v.context.addInitScript(
      `localStorage.setItem('qatys.auth', ${JSON.stringify(
        JSON.stringify({ accessToken: user.token, refreshToken: user.refreshToken, user: me.body }),
      )})`,
    );
    return v.page;
  }

  /** framesDecoded of the page's room video, from its peer connection's inbound-rtp stats. */
  const framesDecoded = (page: Page): Promise<number> =>
    page.evaluate(`(async () => {
      const v = document.querySelector('.room-video video');
      const pc = v && v.qatysPeer;
      if (!pc) return 0;
      let n = 0;
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') n += r.framesDecoded || 0; });
      return n;
    })()`);

  /** The addresses of the media path the page's peer connection chose. */
  const mediaPath = (page: Page): Promise<{ local: string; remote: string } | null> =>
    page.evaluate(`(async () => {
      const v = document.querySelector('.room-video video');
      const stats = await v.qatysPeer.getStats();
      let pair = null;
      stats.forEach((r) => { if (r.type === 'candidate-pair' && r.state === 'succeeded' && r.nominated) pair = r; });
      if (!pair) return null;
      return { local: stats.get(pair.localCandidateId).address, remote: stats.get(pair.remoteCandidateId).address };
    })()`);

  it('organizer on camera, two attendees on phones decode the video beside their questions, presence counted', async () => {
    const [pavlodar, kostanay] = await Promise.all([
      regionByCode(api.ds, 'KZ-55'),
      regionByCode(api.ds, 'KZ-39'),
    ]);
    const program = await createProgram(api.ds);
    const start = new Date(Date.now() - 5 * 60_000);
    const session = await createSession(api.ds, program.id, {
      title: { ru: 'Прямой эфир', kk: 'Тікелей эфир', en: 'Live' },
      startAt: start,
      endAt: new Date(start.getTime() + 60 * 60_000),
    });
    const organizer = await api.signIn({ roles: ['organizer'] });
    const attendees = await Promise.all(
      [pavlodar, kostanay].map(async (region) => {
        const who = await api.signIn({ homeRegionId: region.id });
        const reg = await api.http
          .post(`/sessions/${session.id}/registrations`)
          .set(who.auth)
          .send({})
          .expect(201);
        const tok = await api.http
          .get(`/me/registrations/${reg.body.id}/join-token`)
          .set(who.auth)
          .expect(200);
        return { who, link: `${baseUrl}/join/${reg.body.id}?t=${tok.body.token}` };
      }),
    );

    const console = await signedInPage(organizer);
    await console.goto(`${baseUrl}/app/organizer/sessions/${session.id}`);
    await console
      .getByRole('button', { name: rr['room.goLive'] })
      .click()
      .catch(async (e) => {
        const text = await console.locator('body').innerText().catch(() => '?');
        throw new Error(`no go-live button: ${(e as Error).message}\npage: ${text.slice(0, 2000)}`);
      });
    await console
      .locator('.video-room-card[data-room-state="playing"]')
      .waitFor({ timeout: 30_000 })
      .catch(async (e) => {
        const state = await console.locator('.video-room-card').getAttribute('data-room-state');
        throw new Error(
          `the console's video card is ${state}, not playing: ${(e as Error).message}\n${janus.log.slice(-3000)}`,
        );
      });

    const phones = await Promise.all(
      attendees.map(async (a) => {
        const v = await openViewer(browser, { phone: true });
        await v.page.goto(a.link);
        return v.page;
      }),
    );
    for (const [i, page] of phones.entries()) {
      await page.locator('.room-video[data-room-state="playing"]').waitFor({ timeout: 30_000 });
      await waitFor(`attendee ${i + 1} decodes video frames`, async () => (await framesDecoded(page)) > 0, {
        timeoutMs: 30_000,
      });
      // Media went over the namespace's link, never the machine's own interface.
      expect(await mediaPath(page)).toEqual({ local: janus.nsIp, remote: janus.nsIp });
      await shot(page, `rooms-attendee-${i + 1}-phone`);
    }
    await shot(console, 'rooms-organizer-on-camera');

    // Questions keep working beside the video.
    await phones[0].getByLabel(ru['ask.label']).fill('Слайдтар кейін жіберіле ме?');
    await phones[0].getByRole('button', { name: ru['ask.submit'] }).click();
    await waitFor('the question is stored', async () => {
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM questions WHERE session_id = $1`, [
        session.id,
      ]);
      return n === 1;
    });

    // Room presence (Janus's events) became attendance intervals, one per attendee, in their regions.
    const rows = await waitFor('room presence of both attendees', async () => {
      const r: { user_id: string; region_id: number }[] = await api.ds.query(
        `SELECT i.user_id, i.region_id FROM room_presence p JOIN attendance_intervals i ON i.id = p.id
          WHERE p.session_id = $1 AND i.user_id = ANY($2::uuid[])`,
        [session.id, attendees.map((a) => a.who.id)],
      );
      return r.length >= 2 && r;
    });
    expect(new Set(rows.map((r) => r.region_id))).toEqual(new Set([pavlodar.id, kostanay.id]));
  }, 180_000);
});
