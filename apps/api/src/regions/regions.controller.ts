import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RegionsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Public, Roles } from '../common/openapi';
import { RegionIdPipe } from './region-id.pipe';
import { CreateRegionRequest, ListRegionsQuery, UpdateRegionRequest } from './regions.request';
import { RegionResponse, RegionRevisionResponse } from './regions.response';

@ApiTags('regions')
@Bearer()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Regions (public): active ones, or all with ?includeRetired=true; ordered by code',
  })
  @ApiOkResponse({ type: [RegionResponse] })
  @ApiErrors(400)
  async list(@Query() query: ListRegionsQuery): Promise<RegionResponse[]> {
    const rows = await this.regions.list({ includeRetired: query.includeRetired === 'true' });
    return rows.map(RegionResponse.of);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One region (public), retired or not' })
  @ApiOkResponse({ type: RegionResponse })
  @ApiErrors([400, 'id is not a positive integer: validation_failed'], 404)
  async get(@Param('id', RegionIdPipe) id: number): Promise<RegionResponse> {
    return RegionResponse.of(await this.regions.get(id));
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a region (admin). The code is unique (409 otherwise).' })
  @ApiCreatedResponse({ type: RegionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([409, 'region_code_taken'])
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRegionRequest): Promise<RegionResponse> {
    return RegionResponse.of(await this.regions.create(body, actor.userId));
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Rename a region, change its code or zone (admin); a revision is kept' })
  @ApiOkResponse({ type: RegionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'region_code_taken'])
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', RegionIdPipe) id: number,
    @Body() body: UpdateRegionRequest,
  ): Promise<RegionResponse> {
    return RegionResponse.of(await this.regions.update(id, body, actor.userId));
  }

  @Roles('admin')
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retire a region (admin): refused for new home regions and registrations, still readable',
  })
  @ApiOkResponse({ type: RegionResponse })
  @ApiErrors(400, 404, [409, 'region_already_retired'])
  async retire(@CurrentActor() actor: Actor, @Param('id', RegionIdPipe) id: number): Promise<RegionResponse> {
    return RegionResponse.of(await this.regions.retire(id, actor.userId));
  }

  @Roles('admin')
  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a retired region back (admin)' })
  @ApiOkResponse({ type: RegionResponse })
  @ApiErrors(400, 404, [409, 'region_not_retired'])
  async restore(
    @CurrentActor() actor: Actor,
    @Param('id', RegionIdPipe) id: number,
  ): Promise<RegionResponse> {
    return RegionResponse.of(await this.regions.restore(id, actor.userId));
  }

  @Roles('organizer', 'admin')
  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of a region, oldest first (organizer, admin)' })
  @ApiOkResponse({ type: [RegionRevisionResponse] })
  @ApiErrors(400, 404)
  async history(@Param('id', RegionIdPipe) id: number): Promise<RegionRevisionResponse[]> {
    return (await this.regions.history(id)).map(RegionRevisionResponse.of);
  }
}
