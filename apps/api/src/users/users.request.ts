import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LANGUAGES, Language, Role, ROLES } from '@qatys/domain';

const COORDINATOR_REGIONS =
  'Regions a coordinator manages: required and non-empty when roles include coordinator, refused otherwise; each must be an active region.';

export class CreateUserRequest {
  @ApiProperty({ example: 'secretary.pavlodar@example.kz' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password!: string;

  @ApiProperty({ example: 'Айгерим Нурланова' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiProperty({ example: 'Asia/Almaty', description: 'IANA time zone' })
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ example: 16, description: 'an active region (see GET /regions)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  homeRegionId?: number;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['coordinator'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: [Number], example: [16], description: COORDINATOR_REGIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  coordinatorRegionIds?: number[];

  @ApiPropertyOptional({ format: 'uuid', description: 'see GET /organizations' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SetRolesRequest {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['organizer'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: [Number], description: COORDINATOR_REGIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  coordinatorRegionIds?: number[];
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'part of the e-mail or display name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class CreateOrganizationRequest {
  @ApiProperty({ example: 'Academy of Political Management' })
  @IsString()
  @Length(1, 300)
  name!: string;
}
