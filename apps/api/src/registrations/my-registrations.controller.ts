import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RegistrationsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, Bearer } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { MyRegistrationsQuery } from './registration.request';
import {
  CancelRegistrationResponse,
  MyRegistrationPageResponse,
  MyRegistrationResponse,
  RegistrationResponse,
} from './registration.response';
import { uuidParam } from './uuid.pipe';

@ApiTags('registrations')
@Bearer()
@Controller('me/registrations')
export class MyRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @ApiOperation({ summary: 'My registrations, soonest session first, with times in my zone (or ?tz=)' })
  @ApiOkResponse({ type: MyRegistrationPageResponse })
  @ApiErrors(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query() q: MyRegistrationsQuery,
    @ReaderZone() zone: string,
  ): Promise<MyRegistrationPageResponse> {
    const page = await this.registrations.listMine(actor, q);
    return { ...page, items: page.items.map((r) => MyRegistrationResponse.ofMine(r, zone, actor.language)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my registrations (anybody else’s id is a 404)' })
  @ApiOkResponse({ type: MyRegistrationResponse })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @ReaderZone() zone: string,
  ): Promise<MyRegistrationResponse> {
    return MyRegistrationResponse.ofMine(await this.registrations.getMine(actor, id), zone, actor.language);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel one of my registrations (idempotent; promotes the first waitlisted person)',
  })
  @ApiOkResponse({ type: CancelRegistrationResponse })
  @ApiErrors(400, 404, [409, 'session_closed: the session has ended'])
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @ReaderZone() zone: string,
  ): Promise<CancelRegistrationResponse> {
    const r = await this.registrations.cancel(actor, id, { ownerOnly: true });
    return {
      registration: RegistrationResponse.of(r.registration, zone, actor.language),
      promoted: r.promoted.map((p) => RegistrationResponse.of(p, zone, actor.language)),
    };
  }
}
