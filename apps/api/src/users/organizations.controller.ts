import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@qatys/domain';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { CreateOrganizationRequest } from './users.request';
import { OrganizationResponse } from './users.response';

@ApiTags('organizations')
@Bearer()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add an organization (admin); names are unique (409)' })
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([409, 'organization_name_taken'])
  async create(@Body() body: CreateOrganizationRequest): Promise<OrganizationResponse> {
    return OrganizationResponse.of(await this.users.createOrganization(body.name));
  }

  @Roles('organizer', 'admin')
  @Get()
  @ApiOperation({ summary: 'Organizations by name (organizer, admin)' })
  @ApiOkResponse({ type: [OrganizationResponse] })
  async list(): Promise<OrganizationResponse[]> {
    return (await this.users.listOrganizations()).map(OrganizationResponse.of);
  }
}
