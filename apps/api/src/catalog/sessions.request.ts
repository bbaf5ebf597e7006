import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  MAX_SESSION_MINUTES,
  SCHEDULE_SORTS,
  ScheduleSort,
  SESSION_FORMATS,
  SessionFormat,
} from '@qatys/domain';
import {
  IsOptionalNonNull,
  LocalizedDescriptionRequest,
  LocalizedTitleRequest,
  TitleField,
  DescriptionField,
  PageQuery,
} from './catalog-common.request';
import { INT4_MAX } from '../common/validation';

const OFFSET_NOTE =
  ' (add its UTC offset, e.g. +06:00, only to pick one occurrence of a time that happens twice)';

/** Fields a PATCH may change; a create takes them too. */
class SessionFields {
  @DescriptionField()
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'a module of the same program',
  })
  @IsOptional()
  @IsUUID('all')
  moduleId?: string | null;

  @ApiPropertyOptional({
    example: '2024-03-02T16:00',
    description: `local wall time in timeZone${OFFSET_NOTE}; or give durationMinutes`,
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(32)
  end?: string;

  @ApiPropertyOptional({ example: 240, minimum: 1, maximum: MAX_SESSION_MINUTES })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(MAX_SESSION_MINUTES)
  durationMinutes?: number;

  @ApiPropertyOptional({
    example: 'Asia/Almaty',
    description: "IANA zone of the wall times (default: the program's)",
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    enum: SESSION_FORMATS,
    default: 'online',
    description: 'online needs joinUrl, offline venue, hybrid both',
  })
  @IsOptionalNonNull()
  @IsIn(SESSION_FORMATS)
  format?: SessionFormat;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500, example: 'Karaganda, Academy hall 2' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  venue?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://meet.example.kz/primaries-1' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: '$property must be an http(s) URL' },
  )
  joinUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, description: 'null = unlimited' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  capacity?: number | null;

  @ApiPropertyOptional({ type: [Number], description: 'ids of active regions; empty = every region' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(INT4_MAX, { each: true })
  targetRegionIds?: number[];

  @ApiPropertyOptional({ type: [String], description: 'speaker ids, in display order (replaces the list)' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  speakerIds?: string[];

  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    example: [1440, 60],
    description:
      "overrides the program's reminder offsets (minutes, 1..43200, distinct); null: the program's again. " +
      'A change re-plans the reminders not yet sent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(43_200, { each: true })
  reminderOffsetsMinutes?: number[] | null;

  @ApiPropertyOptional({ description: 'book speakers even when they already speak elsewhere at that time' })
  @IsOptionalNonNull()
  @IsBoolean()
  overrideSpeakerConflicts?: boolean;
}

export class CreateSessionRequest extends SessionFields {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  programId!: string;

  @TitleField(true)
  title!: LocalizedTitleRequest;

  @ApiProperty({ example: '2024-03-02T12:00', description: `local wall time in timeZone${OFFSET_NOTE}` })
  @IsString()
  @MaxLength(32)
  start!: string;
}

export class UpdateSessionRequest extends SessionFields {
  @ApiPropertyOptional({
    example: '2024-03-02T14:00',
    description: `local wall time in timeZone${OFFSET_NOTE}; a new start alone moves the session and keeps its length`,
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(32)
  start?: string;

  @TitleField(false)
  title?: LocalizedTitleRequest;
}

export class CancelSessionRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 1000,
    example: 'The speaker is ill; a new date follows.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

export class SessionStatusRequest {
  @ApiProperty({ enum: ['live', 'ended'], description: 'scheduled -> live -> ended, scheduled -> ended' })
  @IsIn(['live', 'ended'])
  status!: 'live' | 'ended';
}

export class SetSpeakersRequest {
  @ApiProperty({ type: [String], description: 'the whole list, in display order' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  speakerIds!: string[];

  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  overrideSpeakerConflicts?: boolean;
}

export class ScheduleQueryRequest extends PageQuery {
  @ApiPropertyOptional({
    example: '2024-06-20T00:00:00Z',
    description: 'UTC instant; sessions ending after it',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({
    example: '2024-06-21T00:00:00Z',
    description: 'UTC instant; sessions starting before it',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({
    example: '2024-06-20',
    description: "a local day: in the zone of regionId when given, else in tz / the reader's zone",
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(10)
  date?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNonNull()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNonNull()
  @IsUUID('all')
  moduleId?: string;

  @ApiPropertyOptional({ description: 'sessions aimed at this region or at every region' })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  regionId?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNonNull()
  @IsUUID('all')
  speakerId?: string;

  @ApiPropertyOptional({ example: 'scheduled,live', description: 'comma-separated statuses' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(100)
  status?: string;

  @ApiPropertyOptional({ enum: SCHEDULE_SORTS, default: 'startAt' })
  @IsOptionalNonNull()
  @IsIn(SCHEDULE_SORTS)
  sort?: ScheduleSort;
}
