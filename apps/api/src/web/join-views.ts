import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import type { JoinTokenClaims } from '@qatys/contracts';
import {
  LiveIdentity,
  QuestionsService,
  SessionsService,
  verifyJoinToken,
  VideoSettingsService,
} from '@qatys/domain';
import { SessionResponse } from '../catalog/sessions.response';
import { QuestionPageResponse } from '../qa/questions.response';
import type { JoinViewResponse } from './join-view.response';

/** Questions per join-view page (the join link's page count is counted in these: join-entry.ts). */
export const JOIN_VIEW_PAGE_SIZE = 200;

/** Who reads with a join token: the token's person, as an attendee of its one registration. */
export function joinTokenReader(claims: JoinTokenClaims): LiveIdentity {
  return {
    userId: claims.sub,
    staff: null,
    joinToken: { registrationId: claims.reg, sessionId: claims.ses },
  };
}

export type JoinViewOrder = 'votes' | 'time';

/**
 * How long a page prepared for a join link waits for the page to ask for it: what is asked in
 * the meantime comes by the socket and the page's catch-up after joining; votes counted in the
 * meantime come with the question's next update.
 */
const PREPARED_MS = 5_000;
/**
 * A link's page served again within this, with as many pages, reuses what was prepared (no
 * tenfold reads per reload); with another page count it is read again (pages of one moment).
 */
const PREPARE_AGAIN_MS = 1_000;
/** Pages prepared per link at most, and kept at most across links (the oldest go first). */
const PREPARED_PER_LINK = 10;
const PREPARED_AT_MOST = 200;

/**
 * The join view (a join token's session and a page of its questions), read for POST
 * /app/join-view and prepared ahead for GET /join/<registration>.
 *
 * Prepared ahead: when the api serves the page of a reminder's join link, it knows the token and
 * how many question pages the page is about to ask for, and is otherwise idle while the browser
 * downloads and compiles the app's scripts. It reads those pages then, and the page's requests
 * take them (once each, within 5 s) instead of starting the reads only when they arrive. On the
 * attendee's phone the question list came last (bench:web traces, 2026-12-06: the ten page
 * requests, sent ~110-150 ms after navigation, were answered 100-500 ms later, after the app
 * was ready to draw them).
 */
@Injectable()
export class JoinViews implements OnModuleInit {
  /** The rooms context's, when the api runs it (found at start, not imported: see onModuleInit). */
  private video: VideoSettingsService | null = null;
  private readonly prepared = new Map<
    string,
    { at: number; pages: number; view: Promise<JoinViewResponse> }
  >();

  constructor(
    private readonly sessions: SessionsService,
    private readonly questions: QuestionsService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    // The rooms module is a dynamic one made with the api's configuration (RoomsApiModule); importing
    // it here would make a second one. Without it the page simply asks for a grant as before.
    try {
      this.video = this.moduleRef.get(VideoSettingsService, { strict: false });
    } catch {
      this.video = null;
    }
  }

  /** One page of the view; throws the token's 401 and the session's 404 as the API answers them. */
  view(token: string, page: number, order: JoinViewOrder, zone: string): Promise<JoinViewResponse> {
    const claims = verifyJoinToken(this.config.JWT_SECRET, token);
    const key = preparedKey(token, page, order, zone);
    const ready = this.prepared.get(key);
    this.prepared.delete(key);
    if (ready && Date.now() - ready.at < PREPARED_MS) return ready.view;
    return this.read(claims, page, order, zone, 1).then(([one]) => one);
  }

  /**
   * A join link being served: how many question pages its reader will see (a whole number >= 1),
   * and `prepare`, which reads those pages (votes order, in `zone`) for the page about to ask for
   * them. Rejects a token that does not verify or names another registration.
   */
  async link(
    token: string,
    registrationId: string,
    zone: string,
  ): Promise<{ pages: number; prepare(): void }> {
    const claims = verifyJoinToken(this.config.JWT_SECRET, token);
    if (claims.reg !== registrationId) throw new Error('the token is for another registration');
    const total = await this.questions.count(joinTokenReader(claims), claims.ses);
    const pages = Math.max(1, Math.ceil(total / JOIN_VIEW_PAGE_SIZE));
    return { pages, prepare: () => this.prepare(claims, token, pages, zone) };
  }

  private prepare(claims: JoinTokenClaims, token: string, pages: number, zone: string): void {
    const now = Date.now();
    const first = this.prepared.get(preparedKey(token, 1, 'votes', zone));
    if (first && first.pages === pages && now - first.at < PREPARE_AGAIN_MS) return;
    // Oldest first (insertion order): drop what expired, and the oldest beyond the bound.
    for (const [key, p] of this.prepared) {
      if (now - p.at < PREPARED_MS && this.prepared.size + PREPARED_PER_LINK <= PREPARED_AT_MOST) break;
      this.prepared.delete(key);
    }
    const count = Math.min(pages, PREPARED_PER_LINK);
    // All of them with one read: one session, one access check, one sorted statement.
    const views = this.read(claims, 1, 'votes', zone, count);
    for (let page = 1; page <= count; page++) {
      const key = preparedKey(token, page, 'votes', zone);
      this.prepared.delete(key); // set again below: to the end of the insertion order
      const view = views.then((all) => all[page - 1]);
      // Its taker sees a failure; an untaken one must not be an unhandled rejection.
      view.catch(() => undefined);
      this.prepared.set(key, { at: now, pages, view });
    }
  }

  /** `count` pages of the view from `page` on; the video provider goes with page 1 only. */
  private async read(
    claims: JoinTokenClaims,
    page: number,
    order: JoinViewOrder,
    zone: string,
    count: number,
  ): Promise<JoinViewResponse[]> {
    const identity = joinTokenReader(claims);
    const [session, pages, videoProvider] = await Promise.all([
      this.sessions.get(
        { userId: claims.sub, roles: ['attendee'], coordinatorRegionIds: [], timeZone: zone, language: 'ru' },
        claims.ses,
      ),
      this.questions.listPages(identity, claims.ses, { order, page, pageSize: JOIN_VIEW_PAGE_SIZE }, count),
      // Only with the first page: the later ones are only the rest of the questions.
      page === 1 && this.video ? this.video.effectiveProvider(claims.ses) : null,
    ]);
    const sessionView = SessionResponse.of(session, zone);
    return pages.map((questions) => ({
      registrationId: claims.reg,
      session: sessionView,
      questions: QuestionPageResponse.of(questions),
      videoProvider: questions.page === 1 ? videoProvider : null,
    }));
  }
}

const preparedKey = (token: string, page: number, order: JoinViewOrder, zone: string) =>
  `${page}\n${order}\n${zone}\n${token}`;
