import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ReviewsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { ConflictRequest, ScoresRequest } from './applications.request';
import { ConflictResponse, ScoresResponse } from './selection.response';

const NOT_MINE =
  'not a reviewer of the call, not assigned this application, or a conflict declared: forbidden';

@ApiTags('selection')
@Bearer()
@Controller('applications/:applicationId')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('scores')
  @ApiOperation({
    summary: 'Score criteria of an application assigned to me (reviewers of the call)',
    description:
      'Each criterion once, on the rubric scale, with an optional comment. 400 score_out_of_scale, 403 when the application ' +
      'is not mine to review (not a reviewer, not assigned, conflict declared), 409 already_scored; nothing is written on error.',
  })
  @ApiCreatedResponse({ type: ScoresResponse })
  @ApiErrors(
    [400, 'validation_failed, score_out_of_scale, score_precision, unknown criterion'],
    [403, NOT_MINE],
    404,
    [409, 'already_scored, application_closed, call_decided'],
    413,
  )
  async score(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: ScoresRequest,
  ): Promise<ScoresResponse> {
    return ScoresResponse.of(await this.reviews.submitScores(actor, id, body.scores));
  }

  @Get('scores')
  @ApiOperation({
    summary:
      "Scores of an application: organizers all; a reviewer their own, and others' once they scored every criterion",
  })
  @ApiOkResponse({ type: ScoresResponse })
  @ApiErrors(400, [403, 'the applicant, or not a reviewer of the call: forbidden'], 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
  ): Promise<ScoresResponse> {
    return ScoresResponse.of(await this.reviews.list(actor, id));
  }

  @Post('conflict')
  @ApiOperation({
    summary: 'Declare a conflict of interest: I stop reviewing this application (my scores stop counting)',
  })
  @ApiCreatedResponse({ type: ConflictResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([403, NOT_MINE], 404, [409, 'call_decided'])
  async conflict(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: ConflictRequest,
  ): Promise<ConflictResponse> {
    return ConflictResponse.of(await this.reviews.declareConflict(actor, id, body.reason));
  }
}
