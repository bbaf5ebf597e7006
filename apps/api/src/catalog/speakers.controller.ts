import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, SpeakersService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { pageOf, UuidParam } from './catalog-common.request';
import { CreateSpeakerRequest, ListSpeakersQuery, UpdateSpeakerRequest } from './speakers.request';
import { SpeakerPageResponse, SpeakerResponse } from './speakers.response';

@ApiTags('speakers')
@Bearer()
@Controller('speakers')
export class SpeakersController {
  constructor(private readonly speakers: SpeakersService) {}

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Add a speaker profile' })
  @ApiCreatedResponse({ type: SpeakerResponse })
  @ApiJsonBodyErrors()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateSpeakerRequest): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.create(actor, body));
  }

  @Get()
  @ApiOperation({ summary: 'Speakers by name, paginated; search with ?q=' })
  @ApiOkResponse({ type: SpeakerPageResponse })
  @ApiErrors(400)
  async list(@Query() q: ListSpeakersQuery): Promise<SpeakerPageResponse> {
    const page = await this.speakers.list({ ...pageOf(q), q: q.q });
    return { ...page, items: page.items.map(SpeakerResponse.of) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One speaker' })
  @ApiOkResponse({ type: SpeakerResponse })
  @ApiErrors(400, 404)
  async get(@UuidParam('id') id: string): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.get(id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Change a speaker profile' })
  @ApiOkResponse({ type: SpeakerResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404)
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateSpeakerRequest,
  ): Promise<SpeakerResponse> {
    return SpeakerResponse.of(await this.speakers.update(actor, id, body));
  }
}
