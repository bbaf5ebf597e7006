import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, SpeakersService } from '@qatys/domain';
import { CurrentActor, Roles } from '../common/current-actor.decorator';
import { pageOf, UuidParam } from './catalog-common.request';
import { CreateSpeakerRequest, ListSpeakersQuery, UpdateSpeakerRequest } from './speakers.request';
import { SpeakerPageResponse, SpeakerResponse } from './speakers.response';

@ApiTags('speakers')
@ApiBearerAuth()
@Controller('speakers')
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @Post()
  @Roles('admin', 'organizer')
  @ApiCreatedResponse({ type: SpeakerResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateSpeakerRequest): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.create(actor, body));
  }

  @Get()
  @ApiOkResponse({ type: SpeakerPageResponse })
  async list(@Query() q: ListSpeakersQuery): Promise<SpeakerPageResponse> {
    const page = await this.speakers.list({ ...pageOf(q), q: q.q });
    return { ...page, items: page.items.map(SpeakerResponse.of) };
  }

  @Get(':id')
  @ApiOkResponse({ type: SpeakerResponse })
  async get(@UuidParam('id') id: string): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.get(id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiOkResponse({ type: SpeakerResponse })
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateSpeakerRequest,
  ): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.update(actor, id, body));
  }
}
