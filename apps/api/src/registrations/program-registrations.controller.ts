import { Body, Controller, Delete, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, ProgramEnrollmentsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { EnrollProgramRequest } from './registration.request';
import {
  CancelEnrollmentResponse,
  EnrollmentResultResponse,
  ProgramEnrollmentResponse,
  RegistrationResponse,
} from './registration.response';
import { uuidParam } from './uuid.pipe';

@ApiTags('registrations')
@Bearer()
@Controller('programs/:programId/registrations')
export class ProgramRegistrationsController {
  constructor(private readonly enrollments: ProgramEnrollmentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register for a whole program (or, as organizer, enrol someone else)',
    description:
      'Creates (or reactivates) a program enrolment and registers the person for every session of the program that is neither ' +
      'cancelled nor over and is open to their region; each session applies its own capacity (some may be waitlisted). ' +
      'Registrations the person already holds are kept. 201 when enrolled now, 200 with the current state when already enrolled.',
  })
  @ApiCreatedResponse({ type: EnrollmentResultResponse })
  @ApiOkResponse({ type: EnrollmentResultResponse, description: 'already enrolled' })
  @ApiJsonBodyErrors()
  @ApiErrors([403, 'userId or regionId sent by someone who is not an organizer: forbidden'], 404, [
    409,
    'program_closed: the program is archived',
  ])
  async enroll(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Body() body: EnrollProgramRequest,
    @ReaderZone() zone: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrollmentResultResponse> {
    const result = await this.enrollments.enrollInProgram(actor, programId, body);
    res.status(result.created ? 201 : 200);
    return EnrollmentResultResponse.of(result, zone, actor.language);
  }

  @Delete('me')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel my program enrolment and the registrations it made (idempotent)' })
  @ApiOkResponse({ type: CancelEnrollmentResponse })
  @ApiErrors(400, 404)
  async cancelMine(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @ReaderZone() zone: string,
  ): Promise<CancelEnrollmentResponse> {
    return this.cancel(actor, programId, 'me', zone);
  }

  @Delete(':enrollmentId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a program enrolment (organizers, or its owner; anybody else gets a 404)' })
  @ApiOkResponse({ type: CancelEnrollmentResponse })
  @ApiErrors(400, 404)
  async cancelOne(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Param('enrollmentId', uuidParam('enrollmentId')) enrollmentId: string,
    @ReaderZone() zone: string,
  ): Promise<CancelEnrollmentResponse> {
    return this.cancel(actor, programId, enrollmentId, zone);
  }

  private async cancel(
    actor: Actor,
    programId: string,
    enrollmentId: string,
    zone: string,
  ): Promise<CancelEnrollmentResponse> {
    const r = await this.enrollments.cancelEnrollment(actor, programId, enrollmentId);
    return {
      enrollment: ProgramEnrollmentResponse.of(r.enrollment),
      cancelled: r.cancelled.map((x) => RegistrationResponse.of(x, zone, actor.language)),
      promoted: r.promoted.map((x) => RegistrationResponse.of(x, zone, actor.language)),
    };
  }
}
