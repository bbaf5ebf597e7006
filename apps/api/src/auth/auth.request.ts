import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LANGUAGES, Language } from '@qatys/domain';
import { IsOptionalNonNull } from '../catalog/catalog-common.request';

// Region ids are PostgreSQL integers.
const INT4_MAX = 2_147_483_647;

export class RegisterRequest {
  @ApiProperty({ example: 'aigerim@example.kz' })
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

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'ru' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ example: 'Asia/Almaty', description: 'IANA time zone' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 16, description: 'id of the home region (see GET /regions)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  homeRegionId?: number;
}

export class LoginRequest {
  @ApiProperty({ example: 'organizer@qatys.demo' })
  @IsEmail()
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class UpdateProfileRequest {
  // May be left out, never null: a profile always has a name, a language and a zone.
  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptionalNonNull()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ example: 'Asia/Qostanay' })
  @IsOptionalNonNull()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  homeRegionId?: number;
}

export class PasswordResetRequest {
  @ApiProperty({ example: 'aigerim@example.kz' })
  @IsEmail()
  @MaxLength(320)
  email!: string;
}

export class PasswordResetConfirmRequest {
  @ApiProperty({ description: 'the token from the link in the reset mail' })
  @IsString()
  @Length(20, 120)
  token!: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password!: string;
}
