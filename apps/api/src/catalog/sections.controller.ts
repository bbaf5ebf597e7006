import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, SectionsService } from '@qatys/domain';
import { CurrentActor, Roles } from '../common/current-actor.decorator';
import { UuidParam } from './catalog-common.request';
import { CreateSectionRequest, UpdateSectionRequest } from './sections.request';
import { SectionResponse } from './sessions.response';

@ApiTags('sections')
@ApiBearerAuth()
@Controller('sessions/:id/sections')
export class SectionsController {
  constructor(private readonly sections: SectionsService) {}

  @Get()
  @ApiOkResponse({ type: [SectionResponse], description: 'in order' })
  async list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SectionResponse[]> {
    return (await this.sections.list(actor, id)).map(SectionResponse.of);
  }

  @Post()
  @Roles('admin', 'organizer')
  @ApiCreatedResponse({ type: SectionResponse })
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateSectionRequest,
  ): Promise<SectionResponse> {
    return SectionResponse.of(await this.sections.create(actor, id, body));
  }

  @Patch(':sectionId')
  @Roles('admin', 'organizer')
  @ApiOkResponse({
    type: SectionResponse,
    description: '409 when the capacity would go below the seats taken',
  })
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
  @ApiNoContentResponse({ description: '409 while the section has registrations that are not cancelled' })
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('sectionId') sectionId: string,
  ): Promise<void> {
    await this.sections.remove(actor, id, sectionId);
  }
}
