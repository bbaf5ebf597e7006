import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, RegistrationsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import {
  CreateRegistrationRequest,
  ListRegistrationsQuery,
  UpdateRegistrationRequest,
} from './registration.request';
import {
  CancelRegistrationResponse,
  PromoteResponse,
  RegistrationPageResponse,
  RegistrationResponse,
} from './registration.response';
import { uuidParam } from './uuid.pipe';

@ApiTags('registrations')
@Bearer()
@Controller('sessions/:sessionId/registrations')
export class SessionRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register for a session (or, as organizer, register someone else)',
    description:
      'Attendees send `{ sectionId? }`; organizers/admins may add `userId` and `regionId`. The status is `registered` while the session ' +
      'and the section have seats, else `waitlisted`. 201 for a new (or reactivated) registration, 200 with the existing one when ' +
      'already registered. 409 `session_closed` (cancelled/ended), 409 `region_not_targeted` (self-registration outside the target regions).',
  })
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiOkResponse({ type: RegistrationResponse, description: 'already registered: the existing registration' })
  @ApiJsonBodyErrors()
  @ApiErrors([403, 'userId or regionId sent by someone who is not an organizer: forbidden'], 404, [
    409,
    'session_closed (cancelled or ended), region_not_targeted',
  ])
  async register(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @Body() body: CreateRegistrationRequest,
    @ReaderZone() zone: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegistrationResponse> {
    const { registration, created } = await this.registrations.register(actor, sessionId, body);
    res.status(created ? 201 : 200);
    return RegistrationResponse.of(registration, zone, actor.language);
  }

  @Get()
  @Roles('admin', 'organizer', 'coordinator')
  @ApiOperation({ summary: "A session's registrations (organizers: all; coordinators: their regions' only)" })
  @ApiOkResponse({ type: RegistrationPageResponse })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @Query() q: ListRegistrationsQuery,
    @ReaderZone() zone: string,
  ): Promise<RegistrationPageResponse> {
    const page = await this.registrations.listForSession(actor, sessionId, q);
    return { ...page, items: page.items.map((r) => RegistrationResponse.of(r, zone, actor.language)) };
  }

  @Post('promote')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Fill free seats from the waitlist (FIFO), e.g. after the capacity was raised' })
  @ApiOkResponse({ type: PromoteResponse })
  @ApiErrors(400, 404)
  async promote(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @ReaderZone() zone: string,
  ): Promise<PromoteResponse> {
    const promoted = await this.registrations.promoteFromWaitlist(sessionId);
    return { promoted: promoted.map((r) => RegistrationResponse.of(r, zone, actor.language)) };
  }

  @Patch(':registrationId')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      "Change a registration's region or section (409 `section_full` when the new section has no seat)",
  })
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'section_full'])
  async update(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @Param('registrationId', uuidParam('registrationId')) registrationId: string,
    @Body() body: UpdateRegistrationRequest,
    @ReaderZone() zone: string,
  ): Promise<RegistrationResponse> {
    return RegistrationResponse.of(
      await this.registrations.update(actor, sessionId, registrationId, body),
      zone,
      actor.language,
    );
  }

  @Delete(':registrationId')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a registration (organizers, or its owner); the freed seat goes to the first waitlisted person who fits',
    description:
      'Idempotent: cancelling a cancelled registration returns it unchanged. Someone else’s registration is a 404.',
  })
  @ApiOkResponse({ type: CancelRegistrationResponse })
  @ApiErrors(400, 404, [409, 'session_closed: an attendee cannot cancel once the session has ended'])
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
    @Param('registrationId', uuidParam('registrationId')) registrationId: string,
    @ReaderZone() zone: string,
  ): Promise<CancelRegistrationResponse> {
    const r = await this.registrations.cancel(actor, registrationId, { sessionId });
    return {
      registration: RegistrationResponse.of(r.registration, zone, actor.language),
      promoted: r.promoted.map((p) => RegistrationResponse.of(p, zone, actor.language)),
    };
  }
}
