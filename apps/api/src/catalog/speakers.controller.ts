import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Speaker, SpeakerPhotosService, SpeakersService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { pageOf, UuidParam } from './catalog-common.request';
import { CreateSpeakerRequest, ListSpeakersQuery, UpdateSpeakerRequest } from './speakers.request';
import { SpeakerPageResponse, SpeakerResponse } from './speakers.response';

@ApiTags('speakers')
@Bearer()
@Controller('speakers')
export class SpeakersController {
  constructor(
    private readonly speakers: SpeakersService,
    private readonly photos: SpeakerPhotosService,
  ) {}

  /** Speaker views with their photo URLs (one query for the versions of the whole page). */
  private async views(list: Speaker[]): Promise<SpeakerResponse[]> {
    const versions = await this.photos.versions(list.map((s) => s.id));
    return list.map((s) => SpeakerResponse.of(s, versions.get(s.id)));
  }

  private async view(s: Speaker): Promise<SpeakerResponse> {
    return (await this.views([s]))[0];
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Add a speaker profile' })
  @ApiCreatedResponse({ type: SpeakerResponse })
  @ApiJsonBodyErrors()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateSpeakerRequest): Promise<SpeakerResponse> {
    return this.view(await this.speakers.create(actor, body));
  }

  @Get()
  @ApiOperation({ summary: 'Speakers by name, paginated; search with ?q=' })
  @ApiOkResponse({ type: SpeakerPageResponse })
  @ApiErrors(400)
  async list(@Query() q: ListSpeakersQuery): Promise<SpeakerPageResponse> {
    const page = await this.speakers.list({ ...pageOf(q), q: q.q });
    return { ...page, items: await this.views(page.items) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One speaker' })
  @ApiOkResponse({ type: SpeakerResponse })
  @ApiErrors(400, 404)
  async get(@UuidParam('id') id: string): Promise<SpeakerResponse> {
    return this.view(await this.speakers.get(id));
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
    return this.view(await this.speakers.update(actor, id, body));
  }
}
