import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RegistrationsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer, Roles } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { MyRegistrationsQuery } from './registration.request';
import { MyRegistrationPageResponse, MyRegistrationResponse } from './registration.response';
import { uuidParam } from './uuid.pipe';

/** A person's registrations as organizers look them up (the console's "people" page). */
@ApiTags('registrations')
@Bearer()
@Roles('admin', 'organizer')
@Controller('users/:id/registrations')
export class UserRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @ApiOperation({
    summary: "A person's registrations, soonest session first, times in the reader's zone (or ?tz=)",
  })
  @ApiOkResponse({ type: MyRegistrationPageResponse })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) userId: string,
    @Query() q: MyRegistrationsQuery,
    @ReaderZone() zone: string,
  ): Promise<MyRegistrationPageResponse> {
    const page = await this.registrations.listForUser(actor, userId, q);
    return { ...page, items: page.items.map((r) => MyRegistrationResponse.ofMine(r, zone, actor.language)) };
  }
}
