import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, SectionsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { UuidParam } from './catalog-common.request';
import { CreateSectionRequest, UpdateSectionRequest } from './sections.request';
import { SectionResponse } from './sessions.response';

@ApiTags('sections')
@Bearer()
@Controller('sessions/:id/sections')
export class SectionsController {
  constructor(private readonly sections: SectionsService) {}

  @Get()
  @ApiOperation({ summary: 'The parallel sections of a session' })
  @ApiOkResponse({ type: [SectionResponse], description: 'in order' })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SectionResponse[]> {
    return (await this.sections.list(actor, id)).map(SectionResponse.of);
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Add a section' })
  @ApiCreatedResponse({ type: SectionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'session_cancelled'])
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateSectionRequest,
  ): Promise<SectionResponse> {
    return SectionResponse.of(await this.sections.create(actor, id, body));
  }

  @Patch(':sectionId')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Change a section' })
  @ApiOkResponse({ type: SectionResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [
    409,
    'capacity_below_registered: the capacity would go below the seats taken; session_cancelled',
  ])
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('sectionId') sectionId: string,
    @Body() body: UpdateSectionRequest,
  ): Promise<SectionResponse> {
    return SectionResponse.of(await this.sections.update(actor, id, sectionId, body));
  }

  @Delete(':sectionId')
  @HttpCode(204)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Remove a section' })
  @ApiNoContentResponse({ description: 'removed; the others are renumbered' })
  @ApiErrors(400, 404, [
    409,
    'section_has_registrations: it has registrations that are not cancelled; session_cancelled',
  ])
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('sectionId') sectionId: string,
  ): Promise<void> {
    await this.sections.remove(actor, id, sectionId);
  }
}
