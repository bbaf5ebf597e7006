import { Body, Controller, HttpCode, Inject, OnModuleInit, Post } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import type { JoinTokenClaims } from '@qatys/contracts';
import {
  LiveIdentity,
  QuestionsService,
  SessionsService,
  verifyJoinToken,
  VideoSettingsService,
} from '@qatys/domain';
import { ApiErrors, ApiJsonBodyErrors, Public } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { SessionResponse } from '../catalog/sessions.response';
import { QuestionPageResponse } from '../qa/questions.response';
import { JoinViewRequest } from './join-view.request';
import { JoinViewResponse } from './join-view.response';

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

/**
 * The attendee page opened from a reminder's join link has no password and no access token, only
 * the personal join token. This reads, for that token's one session, what the page shows beside
 * the socket: title, times, video link, status, and the questions the audience sees. The token
 * is sent in the body, never in a URL (URLs end up in logs).
 */
@ApiTags('web')
@Controller('app')
export class JoinViewController implements OnModuleInit {
  /** The rooms context's, when the api runs it (found at start, not imported: see onModuleInit). */
  private video: VideoSettingsService | null = null;

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

  @Public()
  @Post('join-view')
  @HttpCode(200)
  @ApiOperation({ summary: 'The session of a personal join token, with its approved and answered questions' })
  @ApiOkResponse({ type: JoinViewResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(
    [401, 'the join token (in the body) is forged, expired or not a join token: unauthorized'],
    [404, 'the session is gone: session_not_found'],
  )
  async view(@Body() body: JoinViewRequest, @ReaderZone() zone: string): Promise<JoinViewResponse> {
    const claims = verifyJoinToken(this.config.JWT_SECRET, body.token);
    const identity = joinTokenReader(claims);
    const page = body.questionsPage ?? 1;
    const [session, questions, videoProvider] = await Promise.all([
      this.sessions.get(
        { userId: claims.sub, roles: ['attendee'], coordinatorRegionIds: [], timeZone: zone, language: 'ru' },
        claims.ses,
      ),
      this.questions.list(identity, claims.ses, {
        order: body.questionsOrder ?? 'votes',
        page,
        pageSize: JOIN_VIEW_PAGE_SIZE,
      }),
      // Only with the first page: the later ones are only the rest of the questions.
      page === 1 && this.video ? this.video.effectiveProvider(claims.ses) : null,
    ]);
    return {
      registrationId: claims.reg,
      session: SessionResponse.of(session, zone),
      questions: QuestionPageResponse.of(questions),
      videoProvider,
    };
  }
}
