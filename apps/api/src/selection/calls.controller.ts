import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsTimeZone } from 'class-validator';
import { Actor, CallReviewersService, CallsService, Language, LANGUAGES } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { uuidParam } from '../registrations/uuid.pipe';
import { AddReviewerRequest, AssignRequest, CreateCallRequest, UpdateCallRequest } from './calls.request';
import { CallResponse, FormResponse, ReviewerResponse } from './selection.response';

const DECIDED = "call_decided: the call's selection is committed";

export class ZoneQuery {
  @ApiPropertyOptional({ example: 'Asia/Qostanay' })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}

export class FormQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the reader's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

@ApiTags('selection')
@Bearer()
@Controller()
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly commission: CallReviewersService,
  ) {}

  @Post('programs/:programId/calls')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: 'Open a call for applications for a cohort of the program',
    description:
      'Window as local wall times in timeZone (stored as UTC; a time that does not exist or happens twice is a 400), ' +
      'eligibility (age range on ageOn, allowed regions), the application form (text, choice, number, file link; kk/ru/en labels), ' +
      'the rubric (default: career achievement, leadership potential, motivation, 0-10, equal weights), minReviews and the quotas ' +
      '(quotas that cannot add up to the capacity: 400 quotas_infeasible).',
  })
  @ApiCreatedResponse({ type: CallResponse })
  @ApiErrors(
    [
      400,
      'validation_failed, a wall time that does not exist or happens twice (ambiguous_wall_time), quotas_infeasible',
    ],
    404,
    413,
  )
  async create(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Body() body: CreateCallRequest,
    @ReaderZone() zone: string,
  ): Promise<CallResponse> {
    return CallResponse.of(await this.calls.create(actor, programId, body as never), zone);
  }

  @Get('programs/:programId/calls')
  @ApiOperation({ summary: "A program's calls for applications (programs not published: organizers only)" })
  @ApiOkResponse({ type: [CallResponse] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Query() _q: ZoneQuery,
    @ReaderZone() zone: string,
  ): Promise<CallResponse[]> {
    return (await this.calls.listForProgram(actor, programId)).map((c) => CallResponse.of(c, zone));
  }

  @Get('me/review-calls')
  @ApiOperation({ summary: 'The calls whose commission I am on (any user named a reviewer)' })
  @ApiOkResponse({ type: [CallResponse] })
  @ApiErrors(400)
  async myReviewCalls(
    @CurrentActor() actor: Actor,
    @Query() _q: ZoneQuery,
    @ReaderZone() zone: string,
  ): Promise<CallResponse[]> {
    return (await this.commission.listMyCalls(actor)).map((c) => CallResponse.of(c, zone));
  }

  @Get('calls/:callId')
  @ApiOperation({ summary: 'A call, with its form, rubric and quotas' })
  @ApiOkResponse({ type: CallResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Query() _q: ZoneQuery,
    @ReaderZone() zone: string,
  ): Promise<CallResponse> {
    return CallResponse.of(await this.calls.get(actor, callId), zone);
  }

  @Patch('calls/:callId')
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary: 'Change a call (until its selection is committed)',
    description: 'The form is locked once someone applied, the rubric once a score was given (409).',
  })
  @ApiOkResponse({ type: CallResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, `form_locked, rubric_locked, ${DECIDED}`])
  async update(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Body() body: UpdateCallRequest,
    @ReaderZone() zone: string,
  ): Promise<CallResponse> {
    return CallResponse.of(await this.calls.update(actor, callId, body as never), zone);
  }

  @Get('calls/:callId/form')
  @ApiOperation({ summary: "The application form in the reader's language (or ?lang=)" })
  @ApiOkResponse({ type: FormResponse })
  @ApiErrors(400, 404)
  async form(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Query() q: FormQuery,
  ): Promise<FormResponse> {
    return FormResponse.of(await this.calls.get(actor, callId), q.lang ?? actor.language);
  }

  @Get('calls/:callId/reviewers')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "The call's commission, with each reviewer's complete reviews" })
  @ApiOkResponse({ type: [ReviewerResponse] })
  @ApiErrors(400, 404)
  async reviewers(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
  ): Promise<ReviewerResponse[]> {
    return (await this.commission.listReviewers(actor, callId)).map(ReviewerResponse.of);
  }

  @Post('calls/:callId/reviewers')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Name a reviewer (any user: the reviewer role is per call). Idempotent.' })
  @ApiCreatedResponse({ type: ReviewerResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, DECIDED])
  async addReviewer(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Body() body: AddReviewerRequest,
  ): Promise<ReviewerResponse> {
    return ReviewerResponse.of(await this.commission.addReviewer(actor, callId, body.userId));
  }

  @Delete('calls/:callId/reviewers/:userId')
  @HttpCode(204)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Remove a reviewer who has not scored yet (409 otherwise)' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, 404, [409, `reviewer_has_scores, ${DECIDED}`])
  async removeReviewer(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<void> {
    await this.commission.removeReviewer(actor, callId, userId);
  }

  @Post('calls/:callId/assignments')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOperation({
    summary:
      'Assign applications to a reviewer (calls with assignmentMode explicit; by default everyone reviews all)',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['added'],
      properties: { added: { type: 'integer', description: 'assignments that did not exist yet' } },
    },
  })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, DECIDED])
  async assign(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Body() body: AssignRequest,
  ): Promise<{ added: number }> {
    return { added: await this.commission.assign(actor, callId, body.reviewerId, body.applicationIds) };
  }
}
