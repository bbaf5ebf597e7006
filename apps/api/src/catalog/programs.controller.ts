import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ProgramModulesService, ProgramsService, ProgramStatus } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
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
@Bearer()
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly programModules: ProgramModulesService,
  ) {}

  @Post()
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Create a program (a draft) in my organization' })
  @ApiCreatedResponse({ type: ProgramResponse, description: 'created as a draft' })
  @ApiJsonBodyErrors()
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProgramRequest): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.create(actor, body));
  }

  /** Organizers and admins see every program; everyone else the published ones. */
  @Get()
  @ApiOperation({
    summary: 'Programs, paginated: organizers and admins see all, everyone else the published ones',
  })
  @ApiOkResponse({ type: ProgramPageResponse })
  @ApiErrors(400)
  async list(@CurrentActor() actor: Actor, @Query() q: ListProgramsQuery): Promise<ProgramPageResponse> {
    const page = await this.programs.list(actor, {
      ...pageOf(q),
      status: q.status?.split(',') as ProgramStatus[] | undefined,
    });
    return { ...page, items: page.items.map(ProgramResponse.of) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One program (a draft is a 404 for all but organizers and admins)' })
  @ApiOkResponse({ type: ProgramResponse })
  @ApiErrors(400, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.get(actor, id));
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Change a program' })
  @ApiOkResponse({ type: ProgramResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'program_archived'])
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
  @ApiOperation({ summary: 'Publish, archive or return a program to draft' })
  @ApiOkResponse({ type: ProgramResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'illegal_status_transition (archived is final)'])
  async setStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ProgramStatusRequest,
  ): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.programs.setStatus(actor, id, body.status));
  }

  @Get(':id/modules')
  @ApiOperation({ summary: 'The modules of a program, in order' })
  @ApiOkResponse({ type: [ModuleResponse] })
  @ApiErrors(400, 404)
  async modules(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ModuleResponse[]> {
    return (await this.programModules.listModules(actor, id)).map(ModuleResponse.of);
  }

  @Post(':id/modules')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Add a module (at the end, or at a position)' })
  @ApiCreatedResponse({ type: ModuleResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'program_archived'])
  async addModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateModuleRequest,
  ): Promise<ModuleResponse> {
    return ModuleResponse.of(await this.programModules.addModule(actor, id, body));
  }

  @Patch(':id/modules/:moduleId')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Rename or move a module' })
  @ApiOkResponse({ type: ModuleResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'program_archived'])
  async updateModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() body: UpdateModuleRequest,
  ): Promise<ModuleResponse> {
    return ModuleResponse.of(await this.programModules.updateModule(actor, id, moduleId, body));
  }

  @Delete(':id/modules/:moduleId')
  @HttpCode(204)
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Remove a module' })
  @ApiNoContentResponse({ description: 'the remaining modules are renumbered; its sessions keep no module' })
  @ApiErrors(400, 404, [409, 'program_archived'])
  async removeModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
  ): Promise<void> {
    await this.programModules.removeModule(actor, id, moduleId);
  }
}
