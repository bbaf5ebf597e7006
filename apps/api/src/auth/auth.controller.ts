import { Body, Controller, Get, HttpCode, Inject, Ip, Patch, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import type { AccessTokenClaims } from '@qatys/contracts';
import { Actor, IdentityService, PasswordResetService, User } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Public } from '../common/openapi';
import {
  LoginRequest,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  UpdateProfileRequest,
} from './auth.request';
import { PasswordResetAcceptedResponse, TokenResponse, UserResponse } from './auth.response';
import { SignInThrottle } from './sign-in-throttle.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
    private readonly throttle: SignInThrottle,
    private readonly resets: PasswordResetService,
  ) {}

  /** Self sign-up always creates an attendee: roles are granted by an admin, never chosen. */
  @Public()
  @Post('auth/register')
  @ApiOperation({ summary: 'Sign up as an attendee; signed in at once' })
  @ApiCreatedResponse({ type: TokenResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([409, 'email_taken: an account with this e-mail exists'], 429)
  async register(@Body() body: RegisterRequest, @Ip() ip: string): Promise<TokenResponse> {
    await this.throttle.register(ip);
    const { user, refreshToken } = await this.identity.signUp(
      { ...body, roles: ['attendee'] },
      this.config.JWT_REFRESH_TTL_SECONDS,
    );
    return { ...(await this.accessFor(user)), refreshToken };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token and a refresh token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([401, 'Wrong e-mail or password, or the account is disabled: unauthorized'], 429)
  async login(@Body() body: LoginRequest, @Ip() ip: string): Promise<TokenResponse> {
    const user = await this.throttle.signIn(body.email, ip, () =>
      this.identity.verifyCredentials(body.email, body.password),
    );
    return this.tokens(user);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new access token for a refresh token; the refresh token is rotated (single use)',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(
    [401, 'The refresh token is invalid, expired or used, or the account is disabled: unauthorized'],
    429,
  )
  async refresh(@Body() body: RefreshRequest, @Ip() ip: string): Promise<TokenResponse> {
    await this.throttle.refresh(ip);
    const { user, refreshToken } = await this.identity.rotateRefreshToken(
      body.refreshToken,
      this.config.JWT_REFRESH_TTL_SECONDS,
    );
    return { ...(await this.accessFor(user)), refreshToken };
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a refresh token (an unknown one changes nothing)' })
  @ApiNoContentResponse({ description: 'revoked' })
  @ApiJsonBodyErrors()
  async logout(@Body() body: RefreshRequest): Promise<void> {
    await this.identity.revokeRefreshToken(body.refreshToken);
  }

  /**
   * The same 202 whether or not the e-mail has an account (no enumeration); for an active account
   * the worker sends the link, in the person's language, valid 30 minutes and once.
   */
  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password-reset link by e-mail (same answer whether the account exists or not)',
  })
  @ApiAcceptedResponse({
    type: PasswordResetAcceptedResponse,
    description: 'if the address has an active account, a mail is on its way',
  })
  @ApiJsonBodyErrors()
  @ApiErrors(429)
  async requestPasswordReset(
    @Body() body: PasswordResetRequest,
    @Ip() ip: string,
  ): Promise<PasswordResetAcceptedResponse> {
    await this.throttle.passwordResetRequest(body.email, ip);
    await this.resets.request(body.email);
    return { accepted: true };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the link from the reset mail; signs the account out everywhere',
  })
  @ApiNoContentResponse({ description: 'password set; every refresh token of the account is revoked' })
  @ApiJsonBodyErrors()
  @ApiErrors([400, 'reset_link_invalid: the link is forged, expired or already used; validation_failed'], 429)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmRequest, @Ip() ip: string): Promise<void> {
    await this.throttle.passwordResetConfirm(ip);
    await this.resets.confirm(this.config.JWT_SECRET, body.token, body.password);
  }

  @Bearer()
  @Get('me')
  @ApiOperation({ summary: 'My profile' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors([404, 'the account no longer exists: user_not_found'])
  async me(@CurrentActor() actor: Actor): Promise<UserResponse> {
    return UserResponse.of(await this.identity.getUser(actor.userId));
  }

  @Bearer()
  @Patch('me')
  @ApiOperation({ summary: 'Change my name, language, zone or home region' })
  @ApiOkResponse({ type: UserResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([404, 'the account no longer exists: user_not_found'])
  async updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateProfileRequest): Promise<UserResponse> {
    return UserResponse.of(await this.identity.updateProfile(actor.userId, body));
  }

  private async accessFor(user: User): Promise<Omit<TokenResponse, 'refreshToken'>> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      roles: user.roles,
      ...(user.coordinatorRegionIds.length ? { rgn: user.coordinatorRegionIds } : {}),
      tz: user.timeZone,
      lng: user.language,
      typ: 'access',
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      user: UserResponse.of(user),
    };
  }

  private async tokens(user: User): Promise<TokenResponse> {
    const refreshToken = await this.identity.issueRefreshToken(user.id, this.config.JWT_REFRESH_TTL_SECONDS);
    return { ...(await this.accessFor(user)), refreshToken };
  }
}
