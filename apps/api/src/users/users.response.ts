import { ApiProperty } from '@nestjs/swagger';
import type { Organization, User } from '@qatys/domain';
import { UserResponse } from '../auth/auth.response';

export class AdminUserResponse extends UserResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null while the account is active',
  })
  disabledAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;

  static override of(u: User): AdminUserResponse {
    return {
      ...UserResponse.of(u),
      organizationId: u.organizationId,
      disabledAt: u.disabledAt ? u.disabledAt.toISOString() : null,
      createdAt: u.createdAt.toISOString(),
    };
  }
}

export class UserPageResponse {
  @ApiProperty({ type: [AdminUserResponse] }) items!: AdminUserResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;

  static of(o: Organization): OrganizationResponse {
    return { id: o.id, name: o.name };
  }
}
