import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApplicationsService,
  InterviewsService,
  SeatDeclinesService,
  WithdrawResult,
} from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { uuidParam } from '../registrations/uuid.pipe';
import {
  ApplyRequest,
  InterviewRequest,
  ListApplicationsQuery,
  NominationRequest,
  ReasonRequest,
} from './applications.request';
import { ZoneQuery } from './calls.controller';
import { ApplicationPageResponse, ApplicationResponse, WithdrawResponse } from './selection.response';

@ApiTags('selection')
@Bearer()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly declines: SeatDeclinesService,
    private readonly interviews: InterviewsService,
  ) {}

  @Post('calls/:callId/applications')
  @ApiOperation({
    summary: 'Apply to a call (anyone signed in, once per call, while it is open)',
    description:
      '409 call_not_open / call_closed outside the window, 409 already_applied for a second application, ' +
      '400 not_eligible (age, region), 400 invalid_answers listing every problem with the answers. ' +
      'The region is your home region (set it in your profile).',
  })
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiErrors(
    [400, 'validation_failed, not_eligible, invalid_answers (details.errors), home_region_required'],
    404,
    [409, 'call_not_open, call_closed, already_applied'],
    413,
  )
  async apply(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Body() body: ApplyRequest,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse> {
    return ApplicationResponse.of(await this.applications.apply(actor, callId, body), zone, actor.language);
  }

  @Get('calls/:callId/applications')
  @ApiOperation({ summary: "A call's applications: all for organizers, their own assignments for reviewers" })
  @ApiOkResponse({ type: ApplicationPageResponse })
  @ApiErrors(400, [403, 'neither an organizer nor a reviewer of the call: forbidden'], 404)
  async listForCall(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Query() q: ListApplicationsQuery,
    @ReaderZone() zone: string,
  ): Promise<ApplicationPageResponse> {
    const page = await this.applications.listForCall(actor, callId, q);
    return { ...page, items: page.items.map((v) => ApplicationResponse.of(v, zone, actor.language)) };
  }

  @Get('applications')
  @ApiOperation({ summary: 'My applications and their status' })
  @ApiOkResponse({ type: [ApplicationResponse] })
  @ApiErrors(400)
  async mine(
    @CurrentActor() actor: Actor,
    @Query() _q: ZoneQuery,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse[]> {
    return (await this.applications.listMine(actor)).map((v) =>
      ApplicationResponse.of(v, zone, actor.language),
    );
  }

  @Get('applications/:applicationId')
  @ApiOperation({
    summary: 'One application: the applicant, organizers and its reviewers (anybody else: 404)',
  })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Query() _q: ZoneQuery,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse> {
    return ApplicationResponse.of(await this.applications.get(actor, id), zone, actor.language);
  }

  @Post('applications/:applicationId/withdraw')
  @ApiOperation({
    summary:
      'Withdraw an application (the applicant or an organizer); a selected one gives its seat to the waitlist',
  })
  @ApiCreatedResponse({ type: WithdrawResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'application_closed: already rejected or withdrawn'])
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: ReasonRequest,
    @ReaderZone() zone: string,
  ): Promise<WithdrawResponse> {
    return this.withdrawResponse(
      actor,
      await this.declines.withdraw(actor, id, { reason: body.reason }),
      zone,
    );
  }

  @Post('applications/:applicationId/decline')
  @ApiOperation({
    summary: 'Decline a seat (selected applicants): the next on the waitlist is selected and enrolled',
    description: '409 not_selected unless the application is selected. Declining again changes nothing.',
  })
  @ApiCreatedResponse({ type: WithdrawResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'not_selected'])
  async decline(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: ReasonRequest,
    @ReaderZone() zone: string,
  ): Promise<WithdrawResponse> {
    return this.withdrawResponse(
      actor,
      await this.declines.withdraw(actor, id, { reason: body.reason, declineOnly: true }),
      zone,
    );
  }

  @Put('applications/:applicationId/nomination')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Mark an application nominated by a body (organizers only)' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, "call_decided: the call's selection is committed"])
  async nominate(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: NominationRequest,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse> {
    return ApplicationResponse.of(
      await this.applications.setNomination(actor, id, body.nominatedBy),
      zone,
      actor.language,
    );
  }

  @Delete('applications/:applicationId/nomination')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Clear the nomination of an application' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiErrors(400, 404, [409, "call_decided: the call's selection is committed"])
  async unnominate(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse> {
    return ApplicationResponse.of(
      await this.applications.setNomination(actor, id, null),
      zone,
      actor.language,
    );
  }

  @Post('applications/:applicationId/interview')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: 'Schedule an online interview with the applicant',
    description:
      'Creates a session in the call\'s "interviews" program (a draft program made on the first interview) and registers ' +
      'the applicant for it; the application becomes interview_scheduled. One interview per application (409).',
  })
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'interview_already_scheduled, application_closed'])
  async interview(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: InterviewRequest,
    @ReaderZone() zone: string,
  ): Promise<ApplicationResponse> {
    return ApplicationResponse.of(
      await this.interviews.scheduleInterview(actor, id, body),
      zone,
      actor.language,
    );
  }

  private async withdrawResponse(actor: Actor, r: WithdrawResult, zone: string): Promise<WithdrawResponse> {
    const view = await this.applications.get(actor, r.application.id);
    return {
      application: ApplicationResponse.of(view, zone, actor.language),
      promotedApplicationIds: r.promoted.map((p) => p.id),
      enrollment: r.enrollment,
    };
  }
}
