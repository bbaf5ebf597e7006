import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ProgramsService, ProgramStatus } from '@qatys/domain';
import { CurrentActor, Roles } from '../common/current-actor.decorator';
import { pageOf, UuidParam } from './catalog-common.request';
import {
  CreateModuleRequest,
  CreateProgramRequest,
  ListProgramsQuery,
  ProgramStatusRequest,
  UpdateModuleRequest,
  UpdateProgramRequest,
} from './programs.request';
import { ModuleResponse, ProgramPageResponse, ProgramResponse } from './programs.response';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Roles('admin', 'organizer')
  @ApiCreatedResponse({ type: ProgramResponse, description: 'created as a draft' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProgramRequest): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.create(actor, body));
  }

  /** Organizers and admins see every program; everyone else the published ones. */
  @Get()
  @ApiOkResponse({ type: ProgramPageResponse })
  async list(@CurrentActor() actor: Actor, @Query() q: ListProgramsQuery): Promise<ProgramPageResponse> {
    const page = await this.programs.list(actor, {
      ...pageOf(q),
      status: q.status?.split(',') as ProgramStatus[] | undefined,
    });
    return { ...page, items: page.items.map(ProgramResponse.of) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgramResponse })
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.get(actor, id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiOkResponse({ type: ProgramResponse })
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateProgramRequest,
  ): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.update(actor, id, body));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'organizer')
  @ApiOkResponse({ type: ProgramResponse, description: '409 for an illegal transition (archived is final)' })
  async setStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ProgramStatusRequest,
  ): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.setStatus(actor, id, body.status));
  }

  @Get(':id/modules')
  @ApiOkResponse({ type: [ModuleResponse] })
  async modules(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ModuleResponse[]> {
    return (await this.programs.listModules(actor, id)).map(ModuleResponse.of);
  }

  @Post(':id/modules')
  @Roles('admin', 'organizer')
  @ApiCreatedResponse({ type: ModuleResponse })
  async addModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateModuleRequest,
  ): Promise<ModuleResponse> {
    return ModuleResponse.of(await this.programs.addModule(actor, id, body));
  }

  @Patch(':id/modules/:moduleId')
  @Roles('admin', 'organizer')
  @ApiOkResponse({ type: ModuleResponse })
  async updateModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() body: UpdateModuleRequest,
  ): Promise<ModuleResponse> {
    return ModuleResponse.of(await this.programs.updateModule(actor, id, moduleId, body));
  }

  @Delete(':id/modules/:moduleId')
  @HttpCode(204)
  @Roles('admin', 'organizer')
  @ApiNoContentResponse({ description: 'the remaining modules are renumbered; its sessions keep no module' })
  async removeModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
  ): Promise<void> {
    await this.programs.removeModule(actor, id, moduleId);
  }
}
