import { Controller, Get, Ip, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  anonymousReader,
  ProgramsService,
  ScheduleService,
  SessionsService,
  SpeakerPhotosService,
  SpeakersService,
} from '@qatys/domain';
import { ApiErrors, Public } from '../common/openapi';
import { ReaderZone } from '../common/time-view';
import { PageQuery, pageOf, UuidParam } from './catalog-common.request';
import {
  PublicProgramPageResponse,
  PublicProgramResponse,
  PublicSessionPageResponse,
  PublicSessionResponse,
  PublicSessionSummaryResponse,
} from './public-catalog.response';
import { PublicReadThrottle } from './public-read-throttle';
import { ScheduleQueryRequest } from './sessions.request';

const TZ_QUERY = {
  name: 'tz',
  required: false,
  description: "IANA zone to render times in (the visitor's; default Asia/Almaty)",
};

/**
 * The public side of the catalog, for visitors without an account (and the pages people share):
 * published programs only — a draft program and its sessions are a 404 here whoever asks, so a
 * shared link never shows what attendees could not see. Read-only, rate-limited per client address.
 */
@ApiTags('public')
@Controller('public')
export class PublicCatalogController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
    private readonly schedule: ScheduleService,
    private readonly speakers: SpeakersService,
    private readonly photos: SpeakerPhotosService,
    private readonly throttle: PublicReadThrottle,
  ) {}

  @Public()
  @Get('programs')
  @ApiOperation({ summary: 'Published programs, paginated (no sign-in)' })
  @ApiOkResponse({ type: PublicProgramPageResponse })
  @ApiErrors(400, 429)
  async programList(@Query() q: PageQuery, @Ip() ip: string): Promise<PublicProgramPageResponse> {
    await this.throttle.take(ip);
    const page = await this.programs.list(anonymousReader('UTC'), { ...pageOf(q), status: ['published'] });
    return { ...page, items: page.items.map(PublicProgramResponse.of) };
  }

  @Public()
  @Get('programs/:id')
  @ApiOperation({ summary: 'One published program with its modules (no sign-in; a draft is a 404)' })
  @ApiOkResponse({ type: PublicProgramResponse })
  @ApiErrors(400, [404, 'no such published program: program_not_found'], 429)
  async program(@UuidParam('id') id: string, @Ip() ip: string): Promise<PublicProgramResponse> {
    await this.throttle.take(ip);
    return PublicProgramResponse.of(await this.programs.get(anonymousReader('UTC'), id));
  }

  @Public()
  @Get('sessions')
  @ApiOperation({
    summary:
      'The public schedule: sessions of published programs by program, region ("today in Pavlodar": regionId + date) and day',
  })
  @ApiOkResponse({ type: PublicSessionPageResponse })
  @ApiErrors(400, 429)
  async list(
    @ReaderZone() zone: string,
    @Query() q: ScheduleQueryRequest,
    @Ip() ip: string,
  ): Promise<PublicSessionPageResponse> {
    await this.throttle.take(ip);
    const { tz: _tz, page: _p, pageSize: _s, ...filters } = q;
    const page = await this.schedule.list(anonymousReader(zone), {
      ...filters,
      ...pageOf(q),
      readerZone: zone,
    });
    return { ...page, items: page.items.map((s) => PublicSessionSummaryResponse.of(s, zone)) };
  }

  @Public()
  @Get('sessions/:id')
  @ApiQuery(TZ_QUERY)
  @ApiOperation({
    summary:
      'One session of a published program: description, sections, speakers with bios and photos, regions, free seats (no sign-in)',
  })
  @ApiOkResponse({ type: PublicSessionResponse })
  @ApiErrors(400, [404, 'no such session in a published program: session_not_found'], 429)
  async session(
    @UuidParam('id') id: string,
    @ReaderZone() zone: string,
    @Ip() ip: string,
  ): Promise<PublicSessionResponse> {
    await this.throttle.take(ip);
    const s = await this.sessions.get(anonymousReader(zone), id);
    const speakers = await Promise.all(s.speakers.map((sp) => this.speakers.get(sp.id)));
    const versions = await this.photos.versions(speakers.map((sp) => sp.id));
    return PublicSessionResponse.of(s, zone, speakers, versions);
  }
}
