import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, QuestionsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { ListQuestionsQuery } from './questions.request';
import { QuestionPageResponse } from './questions.response';

@ApiTags('questions')
@Bearer()
@Controller('sessions/:sessionId/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Get()
  @ApiOperation({
    summary:
      "A session's questions by votes or time (pinned first), filterable by the asker's region and status. " +
      'Staff (organizers, moderators, speakers; coordinators for their regions) see every status; registered attendees approved and answered ones; others 403.',
  })
  @ApiOkResponse({ type: QuestionPageResponse })
  @ApiErrors(
    400,
    [
      403,
      'not staff of the session and not registered, or another region than a coordinator coordinates: forbidden',
    ],
    404,
  )
  async list(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) id: string,
    @Query() q: ListQuestionsQuery,
  ): Promise<QuestionPageResponse> {
    const page = await this.questions.list(
      {
        userId: actor.userId,
        staff: { roles: actor.roles, coordinatorRegionIds: actor.coordinatorRegionIds },
      },
      id,
      { order: q.order, regionId: q.regionId, status: q.status, page: q.page, pageSize: q.pageSize },
    );
    return QuestionPageResponse.of(page);
  }
}
