import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvitationsService } from '@qatys/domain';
import { ApiErrors, ApiJsonBodyErrors, Public } from '../common/openapi';
import { DeclineInvitationRequest, InvitationPasswordRequest } from './invitations.request';
import { InvitationResponse, OkResponse } from './invitations.response';

const NOT_FOUND: [404, string] = [404, 'invitation_not_found: a forged, cut or withdrawn link'];

/**
 * What a personal invitation link allows, without signing in: the link itself is the credential
 * (an HMAC of the invitee, like a password-reset link). GET never changes anything — mail
 * scanners open links — so registering is a POST the landing page's button sends.
 */
@ApiTags('invitations')
@Controller('invitations')
export class InvitationLinksController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'The invitation of this link: who, what, when, and its status' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiErrors(NOT_FOUND)
  get(@Param('token') token: string): Promise<InvitationResponse> {
    return this.invitations.byToken(token);
  }

  @Post(':token/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Register (one click): for the session, or the whole program, in the list’s region',
  })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiErrors(NOT_FOUND, [409, 'invitation_closed, session_full…: nothing to register for'], 400)
  accept(@Param('token') token: string): Promise<InvitationResponse> {
    return this.invitations.accept(token);
  }

  @Post(':token/decline')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline, with a reason (a registration made through the list is cancelled)' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiErrors(NOT_FOUND)
  @ApiJsonBodyErrors()
  decline(
    @Param('token') token: string,
    @Body() body: DeclineInvitationRequest,
  ): Promise<InvitationResponse> {
    return this.invitations.decline(token, body.reason ?? null);
  }

  @Post(':token/password')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set the first password of an account made from the list (then sign in as usual)',
  })
  @ApiOkResponse({ type: OkResponse })
  @ApiErrors(NOT_FOUND, [409, 'password_already_set: sign in instead'])
  @ApiJsonBodyErrors()
  async password(
    @Param('token') token: string,
    @Body() body: InvitationPasswordRequest,
  ): Promise<OkResponse> {
    await this.invitations.setPassword(token, body.password);
    return { ok: true };
  }
}
