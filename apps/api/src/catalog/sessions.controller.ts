import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, ScheduleService, SessionLifecycleService, SessionsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { pageOf, UuidParam } from './catalog-common.request';
import {
  CancelSessionRequest,
  CreateSessionRequest,
  ScheduleQueryRequest,
  SessionStatusRequest,
  SetSpeakersRequest,
  UpdateSessionRequest,
} from './sessions.request';
import { SessionPageResponse, SessionResponse, SessionSummaryResponse } from './sessions.response';

const SPEAKER_CONFLICT =
  'speaker_conflict: a speaker is already booked in an overlapping session (named in the message, listed in details.conflicts); ' +
  'pass overrideSpeakerConflicts: true to book anyway. session_cancelled, program_archived: no more changes';
const TIMES_INVALID =
  'validation_failed, or a wall time that does not exist or happens twice (ambiguous_wall_time: details.choices), ' +
  'an end not after the start, an unknown zone, region, module or speaker';
const TZ_QUERY = {
  name: 'tz',
  required: false,
  description: "IANA zone to render times in (default: the reader's profile zone)",
};

@ApiTags('sessions')
@Bearer()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly schedule: ScheduleService,
    private readonly lifecycle: SessionLifecycleService,
  ) {}

  @Post()
  @Roles('admin', 'organizer')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({ summary: 'Schedule a session: local wall times in its zone' })
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiErrors([400, TIMES_INVALID], 413, [409, SPEAKER_CONFLICT])
  async create(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @Body() body: CreateSessionRequest,
  ): Promise<SessionResponse> {
    return SessionResponse.of(await this.sessions.create(actor, body), zone);
  }

  /**
   * The schedule: sessions overlapping a window (instants or a local day), by program, module,
   * region (aimed at it or at everyone), speaker and status, paginated and sorted.
   */
  @Get()
  @ApiOperation({
    summary: 'The schedule: sessions in a window or on a local day, filtered, paginated and sorted',
  })
  @ApiOkResponse({ type: SessionPageResponse })
  @ApiErrors(400)
  async list(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @Query() q: ScheduleQueryRequest,
  ): Promise<SessionPageResponse> {
    const { tz: _tz, page: _p, pageSize: _s, ...filters } = q;
    const page = await this.schedule.list(actor, { ...filters, ...pageOf(q), readerZone: zone });
    return { ...page, items: page.items.map((s) => SessionSummaryResponse.of(s, zone)) };
  }

  @Get(':id')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({
    summary: "One session (a draft program's session is a 404 for all but organizers and admins)",
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @UuidParam('id') id: string,
  ): Promise<SessionResponse> {
    return SessionResponse.of(await this.sessions.get(actor, id), zone);
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiQuery(TZ_QUERY)
  @ApiOkResponse({
    type: SessionResponse,
    description: 'a change of start or end raises version and records session.rescheduled',
  })
  @ApiOperation({ summary: 'Change or reschedule a session' })
  @ApiErrors([400, TIMES_INVALID], 404, 413, [409, SPEAKER_CONFLICT])
  async update(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @UuidParam('id') id: string,
    @Body() body: UpdateSessionRequest,
  ): Promise<SessionResponse> {
    return SessionResponse.of(await this.sessions.update(actor, id, body), zone);
  }

  @Put(':id/speakers')
  @Roles('admin', 'organizer')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({ summary: 'Replace the speakers of a session' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, SPEAKER_CONFLICT])
  async setSpeakers(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @UuidParam('id') id: string,
    @Body() body: SetSpeakersRequest,
  ): Promise<SessionResponse> {
    return SessionResponse.of(
      await this.sessions.setSpeakers(actor, id, body.speakerIds, body.overrideSpeakerConflicts),
      zone,
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({ summary: 'Cancel a session (registrants are told)' })
  @ApiOkResponse({ type: SessionResponse, description: 'idempotent: cancelling again changes nothing' })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'illegal_status_transition: an ended session cannot be cancelled'])
  async cancel(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @UuidParam('id') id: string,
    @Body() body: CancelSessionRequest,
  ): Promise<SessionResponse> {
    return SessionResponse.of(await this.lifecycle.cancel(actor, id, body.reason), zone);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({ summary: 'Move a session along: scheduled, live, ended' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'illegal_status_transition (ended and cancelled are final)'])
  async setStatus(
    @CurrentActor() actor: Actor,
    @ReaderZone() zone: string,
    @UuidParam('id') id: string,
    @Body() body: SessionStatusRequest,
  ): Promise<SessionResponse> {
    return SessionResponse.of(await this.lifecycle.setStatus(actor, id, body.status), zone);
  }
}
