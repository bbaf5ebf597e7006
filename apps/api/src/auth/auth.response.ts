import { ApiProperty } from '@nestjs/swagger';
import type { User } from '@qatys/domain';

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['kk', 'ru', 'en'] }) language!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ nullable: true, type: Number }) homeRegionId!: number | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [Number] }) coordinatorRegionIds!: number[];

  static of(u: User): UserResponse {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      language: u.language,
      timeZone: u.timeZone,
      homeRegionId: u.homeRegionId,
      roles: u.roles,
      coordinatorRegionIds: u.coordinatorRegionIds,
    };
  }
}

export class TokenResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}

/** The answer to a reset request: the same whether or not the address has an account. */
export class PasswordResetAcceptedResponse {
  @ApiProperty({ example: true, description: 'always true: says nothing about whether the account exists' })
  accepted!: true;
}
