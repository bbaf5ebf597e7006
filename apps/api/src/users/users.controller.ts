import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, UsersService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { UserIdPipe } from './user-id.pipe';
import { CreateUserRequest, ListUsersQuery, SetRolesRequest } from './users.request';
import { AdminUserResponse, UserPageResponse } from './users.response';

const NEXT_TOKEN =
  "Roles travel in the access token: the change takes effect on the user's next token (login or POST /auth/refresh), at the latest when the current access token expires.";

@ApiTags('users')
@Bearer()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a user with any roles (admin only)', description: NEXT_TOKEN })
  @ApiCreatedResponse({ type: AdminUserResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([409, 'email_taken'])
  async create(@Body() body: CreateUserRequest): Promise<AdminUserResponse> {
    return AdminUserResponse.of(await this.users.create(body));
  }

  @Roles('admin', 'organizer')
  @Get()
  @ApiOperation({
    summary: 'Users, paginated, oldest first; search by e-mail or name, filter by role (admin, organizer)',
  })
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors(400)
  async list(@Query() query: ListUsersQuery): Promise<UserPageResponse> {
    const page = await this.users.list({ ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
    return { ...page, items: page.items.map((u) => AdminUserResponse.of(u)) };
  }

  @Roles('admin', 'organizer')
  @Get(':id')
  @ApiOperation({ summary: 'One user (admin, organizer)' })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiErrors(400, 404)
  async get(@Param('id', UserIdPipe) id: string): Promise<AdminUserResponse> {
    return AdminUserResponse.of(await this.users.get(id));
  }

  @Roles('admin')
  @Patch(':id/roles')
  @ApiOperation({
    summary: 'Replace the roles of a user (admin only); an admin cannot remove their own admin role (409)',
    description: NEXT_TOKEN,
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(404, [409, 'cannot_remove_own_admin'])
  async setRoles(
    @CurrentActor() actor: Actor,
    @Param('id', UserIdPipe) id: string,
    @Body() body: SetRolesRequest,
  ): Promise<AdminUserResponse> {
    return AdminUserResponse.of(await this.users.setRoles(actor, id, body.roles, body.coordinatorRegionIds));
  }

  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable an account (admin only): no more sign-in or refresh, calendar feed revoked',
    description:
      'An access token already issued stays valid until it expires. Disabling yourself is refused (409).',
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiErrors(400, 404, [409, 'cannot_disable_self'])
  async disable(
    @CurrentActor() actor: Actor,
    @Param('id', UserIdPipe) id: string,
  ): Promise<AdminUserResponse> {
    return AdminUserResponse.of(await this.users.disable(actor, id));
  }

  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a disabled account again (admin only); enabling an active one changes nothing',
    description:
      'The person signs in afresh: refresh tokens and the calendar feed URL revoked by disabling stay revoked.',
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiErrors(400, 404)
  async enable(@Param('id', UserIdPipe) id: string): Promise<AdminUserResponse> {
    return AdminUserResponse.of(await this.users.enable(id));
  }
}
