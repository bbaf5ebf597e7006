import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { LANGUAGES, Language, PROGRAM_STATUSES, ProgramStatus } from '@qatys/domain';
import {
  IsOptionalNonNull,
  LocalizedDescriptionRequest,
  LocalizedTitleRequest,
  TitleField,
  DescriptionField,
  PageQuery,
} from './catalog-common.request';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

class ProgramFields {
  @DescriptionField()
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({
    example: 'Asia/Almaty',
    description: 'IANA zone; sessions default to it. Default Asia/Almaty',
  })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(64)
  defaultTimeZone?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'ru' })
  @IsOptionalNonNull()
  @IsIn(LANGUAGES)
  defaultLanguage?: Language;

  @ApiPropertyOptional({ example: '2024-06-15', nullable: true, type: String, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' })
  startsOn?: string | null;

  @ApiPropertyOptional({
    example: '2024-08-05',
    nullable: true,
    type: String,
    description: 'YYYY-MM-DD, not before startsOn',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' })
  endsOn?: string | null;

  @ApiPropertyOptional({
    type: [Number],
    example: [1440, 60, 10],
    description: 'minutes before each session start at which reminders go out (1..43200, distinct)',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(43_200, { each: true })
  reminderOffsetsMinutes?: number[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '22:00',
    description:
      "start of the quiet hours (HH:mm) in each attendee's own local time; reminders of 12 h or more " +
      'that would fall inside go out one minute before it. Default 22:00; null together with quietHoursEnd = none',
  })
  @IsOptional()
  @IsString()
  @Matches(CLOCK, { message: '$property must be a time of day as HH:mm' })
  quietHoursStart?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '08:00',
    description: 'end of the quiet hours (HH:mm, exclusive). Default 08:00',
  })
  @IsOptional()
  @IsString()
  @Matches(CLOCK, { message: '$property must be a time of day as HH:mm' })
  quietHoursEnd?: string | null;
}

export class CreateProgramRequest extends ProgramFields {
  @TitleField(true)
  title!: LocalizedTitleRequest;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'admins: any organization; organizers: defaults to (and may only be) their own',
  })
  @IsOptionalNonNull()
  @IsUUID('all')
  organizationId?: string;
}

export class UpdateProgramRequest extends ProgramFields {
  @TitleField(false)
  title?: LocalizedTitleRequest;
}

export class ProgramStatusRequest {
  @ApiProperty({ enum: PROGRAM_STATUSES, description: 'draft <-> published; anything -> archived (final)' })
  @IsIn(PROGRAM_STATUSES)
  status!: ProgramStatus;
}

export class ListProgramsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'comma-separated: draft,published,archived (non-organizers: published only)',
  })
  @IsOptionalNonNull()
  @IsString()
  @Matches(/^(draft|published|archived)(,(draft|published|archived))*$/, {
    message: '$property must be a comma-separated list of draft, published, archived',
  })
  status?: string;
}

export class CreateModuleRequest {
  @TitleField(true)
  title!: LocalizedTitleRequest;

  @DescriptionField()
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({ minimum: 1, description: '1-based; default: last. Later modules move down.' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  position?: number;
}

export class UpdateModuleRequest {
  @TitleField(false)
  title?: LocalizedTitleRequest;

  @DescriptionField()
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'move to this 1-based position; the others are renumbered 1..n',
  })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  position?: number;
}
