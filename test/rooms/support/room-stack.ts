import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { gatewaySchema, loadConfig } from '@qatys/config';
import { createGatewayApp } from '../../../apps/gateway/src/gateway.bootstrap';
import { ROOM_STRINGS } from '../../../apps/web/src/i18n/room-strings';
import { ApiHarness, SignedIn, startApi, TEST_JWT_SECRET } from '../../support/api-harness';
import { JanusNetns } from '../../support/janus-netns';
import { testEnv } from '../../support/env';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureWebBuild, openViewer } from '../../web/support/browser';
import { freePort } from '../../web/support/stack';

/**
 * The live room's whole stack for browser suites: a real Janus in a network namespace made here,
 * the api and the gateway on 127.0.0.1, and Chromium with fake camera and microphone running
 * inside the namespace (it reaches the api and gateway through relays), so no media packet
 * leaves it.
 */
export class RoomStack {
  private constructor(
    readonly janus: JanusNetns,
    /** The second node (`n2`), in a namespace linked to the first's, when asked for. */
    readonly relay: JanusNetns | null,
    /** The relay node's other address (on its link to the first node's namespace). */
    readonly relayLinkIp: string | null,
    readonly api: ApiHarness,
    readonly gateway: NestExpressApplication,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(
    opts: { apiEnv?: (janus: JanusNetns) => Record<string, string>; twoNodes?: boolean } = {},
  ): Promise<RoomStack> {
    ensureWebBuild();
    const [apiPort, gatewayPort] = [await freePort(), await freePort()];
    const janus = await JanusNetns.start({ apiPort });
    const relay = opts.twoNodes ? await JanusNetns.start({ apiPort, nodeId: 'n2', peerOf: janus }) : null;
    const relayLinkIp = relay ? janus.link(relay) : null;
    const baseUrl = await janus.relay(apiPort);
    const gatewayUrl = await janus.relay(gatewayPort);
    const api = await startApi({
      GATEWAY_PUBLIC_URL: gatewayUrl,
      PUBLIC_BASE_URL: baseUrl,
      JANUS_NODES: relay ? `n1=${janus.url},n2=${relay.url}` : `n1=${janus.url}`,
      JANUS_ADMIN_KEY: janus.adminKey,
      JANUS_EVENTS_SECRET: janus.eventsSecret,
      VIDEO_DEFAULT_PROVIDER: 'builtin',
      ...opts.apiEnv?.(janus),
    });
    await api.app.listen(apiPort, '127.0.0.1');
    const gateway = await createGatewayApp(
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
        GATEWAY_ATTENDANCE_UPDATE_MS: '150',
        GATEWAY_HEARTBEAT_MS: '200',
        GATEWAY_PRESENCE_TTL_MS: '1200',
        GATEWAY_CACHE_MS: '0',
      }),
    );
    await gateway.listen(gatewayPort, '127.0.0.1');
    const browser = await chromium.launch({
      executablePath: janus.launcher(CHROMIUM_PATH),
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        // The camera needs a secure origin; the relay's address is one only by this flag.
        `--unsafely-treat-insecure-origin-as-secure=${baseUrl}`,
        // Plain addresses as candidates (no mDNS names Janus cannot resolve).
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    });
    return new RoomStack(janus, relay, relayLinkIp, api, gateway, browser, baseUrl);
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.gateway?.close();
    await this.api?.close();
    await this.janus?.close();
    await this.relay?.close();
  }

  /** A page of the app signed in as `user` (its tokens in the app's storage). */
  async signedInPage(user: SignedIn, opts: { phone?: boolean } = {}): Promise<Page> {
    const v = await openViewer(this.browser, opts);
    const me = await this.api.http.get('/me').set(user.auth).expect(200);
    await v.context.addInitScript(
      `localStorage.setItem('qatys.auth', ${JSON.stringify(
        JSON.stringify({ accessToken: user.token, refreshToken: user.refreshToken, user: me.body }),
      )})`,
    );
    return v.page;
  }

  /** The organizer goes on camera from the session console; resolves once Janus has the stream. */
  async goLive(organizer: SignedIn, sessionId: string): Promise<Page> {
    const page = await this.signedInPage(organizer);
    const seen: string[] = [];
    page.on('console', (m) => seen.push(`console ${m.type()}: ${m.text()}`));
    page.on('requestfailed', (r) => seen.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) seen.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    await page.goto(`${this.baseUrl}/app/organizer/sessions/${sessionId}`);
    await page
      .getByRole('button', { name: ROOM_STRINGS.ru['room.goLive'] })
      .click()
      .catch(async (e) => {
        const text = await page.locator('body').innerText().catch(() => '?');
        throw new Error(`no go-live button: ${(e as Error).message}\npage: ${text.slice(0, 2000)}\n${seen.join('\n')}`);
      });
    await page
      .locator('.video-room-card[data-room-state="playing"]')
      .waitFor({ timeout: 30_000 })
      .catch(async (e) => {
        const state = await page.locator('.video-room-card').getAttribute('data-room-state');
        throw new Error(
          `the console's video card is ${state}, not playing: ${(e as Error).message}\n${seen.join('\n')}\n${this.janus.log.slice(-3000)}`,
        );
      });
    return page;
  }
}

/** framesDecoded of the page's room video, from its peer connection's inbound-rtp stats. */
export const framesDecoded = (page: Page): Promise<number> =>
  page.evaluate(`(async () => {
    const v = document.querySelector('.room-video video');
    const pc = v && v.qatysPeer;
    if (!pc) return 0;
    let n = 0;
    (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') n += r.framesDecoded || 0; });
    return n;
  })()`);
