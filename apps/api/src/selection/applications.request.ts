import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus, OVERRIDE_DECISIONS } from '@qatys/domain';
import { IsOptionalNonNull } from '../catalog/catalog-common.request';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An offset may follow only to pick one occurrence of a time that happens twice (the domain checks it).
const WALL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;

export class ApplyRequest {
  @ApiProperty({ example: '1998-04-12', description: 'the age rules of the call are checked against it' })
  @Matches(ISO_DATE, { message: '$property must be a date YYYY-MM-DD' })
  birthDate!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { motivation_letter: 'I want to serve my district', education: 'master', years: 3 },
    description:
      'answers by question key; checked against the call form (400 invalid_answers lists every problem)',
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class ReasonRequest {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class NominationRequest {
  @ApiProperty({ example: 'Youth wing "Jas Otan"', description: 'the nominating body' })
  @IsString()
  @MaxLength(300)
  nominatedBy!: string;
}

export class InterviewRequest {
  @ApiProperty({
    example: '2024-04-10T15:00',
    description:
      'local wall time in timeZone (add its UTC offset, e.g. +06:00, only to pick one occurrence of a time that happens twice)',
  })
  @Matches(WALL_TIME, { message: '$property must be a local date-time like 2024-04-10T15:00' })
  start!: string;

  @ApiPropertyOptional({ example: 'Asia/Almaty', description: "default: the call's zone" })
  @IsOptionalNonNull()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ default: 30 })
  @IsOptionalNonNull()
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes?: number;

  @ApiProperty({ example: 'https://meet.example/interview-17' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  joinUrl!: string;
}

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: 16 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  regionId?: number;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  nominated?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;

  @ApiPropertyOptional({
    example: 'Asia/Qostanay',
    description: "render times in this zone (default: the reader's)",
  })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}

export class ScoreItemRequest {
  @ApiProperty({ example: 'motivation' })
  @IsString()
  @MaxLength(40)
  criterion!: string;

  @ApiProperty({ example: 8, description: 'on the rubric scale, at most 2 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ScoresRequest {
  @ApiProperty({ type: [ScoreItemRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => ScoreItemRequest)
  scores!: ScoreItemRequest[];
}

export class ConflictRequest {
  @ApiProperty({ example: 'The applicant is my cousin', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class OverrideRequest {
  @ApiProperty({ enum: OVERRIDE_DECISIONS })
  @IsIn(OVERRIDE_DECISIONS)
  decision!: (typeof OVERRIDE_DECISIONS)[number];

  @ApiProperty({ example: 'Commission decision of 12 April: strongest project', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class PageQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize: number = 100;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i, { message: '$property must be a UUID' })
  applicationId?: string;
}
