import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsOptionalNonNull } from '../catalog/catalog-common.request';

export class SendInvitationsRequest {
  @ApiPropertyOptional({ description: 'only this region (a coordinator: one of theirs)', example: 16 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  regionId?: number;
}

export class ListQuery {
  @ApiPropertyOptional({ description: 'only this region', example: 16 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  regionId?: number;
}

export class AbsenteesCsvQuery {
  @ApiPropertyOptional({ enum: ['invited', 'registered', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['invited', 'registered', 'all'])
  kind?: 'invited' | 'registered' | 'all';
}

export class InvitationSettingsRequest {
  @ApiProperty({
    type: [Number],
    example: [4320, 1440],
    description: 'minutes before the start, 60..86400, at most 5',
  })
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  reminderOffsetsMinutes!: number[];
}

export class DeclineInvitationRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 1000,
    example: 'Сессия депутатов в тот же день',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

export class InvitationPasswordRequest {
  @ApiProperty({ minLength: 8, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password!: string;
}

export class FollowUpRequest {
  @ApiProperty({ description: 'write to the registered who were not present', example: true })
  @IsBoolean()
  registered!: boolean;

  @ApiProperty({ description: 'write to the listed who never registered', example: true })
  @IsBoolean()
  invited!: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://video.example.kz/rec/42' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  recordingUrl?: string | null;
}
