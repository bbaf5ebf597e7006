import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LANGUAGES, Language } from '@qatys/domain';

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
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ example: 'Asia/Qostanay' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  homeRegionId?: number;
}
