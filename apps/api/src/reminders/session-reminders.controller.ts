import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, SessionRemindersService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { pageOf, UuidParam } from '../catalog/catalog-common.request';
import { SessionRemindersQuery } from './reminders.request';
import { SessionRemindersResponse } from './reminders.response';

@ApiTags('reminders')
@Bearer()
@Controller('sessions/:id/reminders')
export class SessionRemindersController {
  constructor(private readonly reminders: SessionRemindersService) {}

  @Get()
  @Roles('admin', 'organizer', 'coordinator')
  @ApiOperation({
    summary: "A session's reminders: counts by status and, per attendee, each reminder",
    description:
      'Organizers and admins see every attendee; coordinators the attendees of their regions only (counts too). ' +
      'A failed reminder carries the reason of its last attempt.',
  })
  @ApiOkResponse({ type: SessionRemindersResponse })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() q: SessionRemindersQuery,
    @ReaderZone() zone: string,
  ): Promise<SessionRemindersResponse> {
    const view = await this.reminders.forSession(actor, id, {
      ...pageOf(q),
      status: q.status,
      regionId: q.regionId,
    });
    return SessionRemindersResponse.of(view, zone);
  }
}
