import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ASSIGNMENT_MODES, FORM_FIELD_TYPES } from '@qatys/domain';
import {
  HasSomeText,
  IsOptionalNonNull,
  LocalizedDescriptionRequest,
  LocalizedTitleRequest,
} from '../catalog/catalog-common.request';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An offset may follow only to pick one occurrence of a time that happens twice (the domain checks it).
const OFFSET_NOTE =
  ' (add its UTC offset, e.g. +06:00, only to pick one occurrence of a time that happens twice)';
const WALL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;

export class LabelRequest extends LocalizedTitleRequest {}

export class FormOptionRequest {
  @ApiProperty({ example: 'master' })
  @IsString()
  @MaxLength(100)
  value!: string;

  @ApiProperty({ type: LabelRequest })
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LabelRequest)
  label!: LabelRequest;
}

export class FormFieldRequest {
  @ApiProperty({ example: 'motivation_letter', description: 'lower-case letters, digits, _' })
  @IsString()
  @MaxLength(40)
  key!: string;

  @ApiProperty({ enum: FORM_FIELD_TYPES })
  @IsIn(FORM_FIELD_TYPES)
  type!: (typeof FORM_FIELD_TYPES)[number];

  @ApiProperty({
    type: LabelRequest,
    example: { kk: 'Уәждеме хаты', ru: 'Мотивационное письмо', en: 'Motivation letter' },
  })
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LabelRequest)
  label!: LabelRequest;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNonNull()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'text: longest answer (default 2000, at most 10000)' })
  @IsOptionalNonNull()
  @IsInt()
  maxLength?: number;

  @ApiPropertyOptional({ type: [FormOptionRequest], description: 'choice: the allowed answers' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FormOptionRequest)
  options?: FormOptionRequest[];

  @ApiPropertyOptional({ description: 'number: smallest accepted answer' })
  @IsOptionalNonNull()
  @IsNumber()
  min?: number;

  @ApiPropertyOptional({ description: 'number: largest accepted answer' })
  @IsOptionalNonNull()
  @IsNumber()
  max?: number;

  @ApiPropertyOptional({ description: 'number: whole numbers only' })
  @IsOptionalNonNull()
  @IsBoolean()
  integer?: boolean;
}

export class CriterionRequest {
  @ApiProperty({ example: 'motivation' })
  @IsString()
  @MaxLength(40)
  key!: string;

  @ApiProperty({ type: LabelRequest })
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LabelRequest)
  label!: LabelRequest;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100, description: 'a whole number' })
  @IsOptionalNonNull()
  @IsInt()
  weight?: number;
}

export class ScaleRequest {
  @ApiProperty({ example: 0 }) @IsInt() min!: number;
  @ApiProperty({ example: 10 }) @IsInt() max!: number;
}

export class RubricRequest {
  @ApiPropertyOptional({ type: [CriterionRequest], description: 'default: career, leadership, motivation' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CriterionRequest)
  criteria?: CriterionRequest[];

  @ApiPropertyOptional({ type: ScaleRequest, description: 'default 0-10' })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => ScaleRequest)
  scale?: ScaleRequest;

  @ApiPropertyOptional({ example: 'motivation', description: 'the criterion whose mean breaks ties first' })
  @IsOptionalNonNull()
  @IsString()
  tieBreakCriterion?: string;
}

export class RegionQuotaRequest {
  @ApiProperty({ example: 16 }) @IsInt() @Min(1) regionId!: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptionalNonNull() @IsInt() @Min(0) min?: number;
  @ApiPropertyOptional({ example: 5 }) @IsOptionalNonNull() @IsInt() @Min(0) max?: number;
}

export class QuotasRequest {
  @ApiPropertyOptional({ example: 20, description: 'seats reserved for nominated applicants' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  nominatedSeats?: number;

  @ApiPropertyOptional({
    example: 1,
    description: 'seats per region at least (where a ranked applicant exists)',
  })
  @IsOptionalNonNull()
  @IsInt()
  @Min(0)
  regionMin?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 6,
    description: 'seats per region at most (null: no limit)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  regionMax?: number | null;

  @ApiPropertyOptional({
    type: [RegionQuotaRequest],
    description: 'per-region overrides of regionMin / regionMax',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RegionQuotaRequest)
  regions?: RegionQuotaRequest[];
}

export class UpdateCallRequest {
  @ApiPropertyOptional({ type: LocalizedTitleRequest })
  @IsOptionalNonNull()
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LocalizedTitleRequest)
  title?: LocalizedTitleRequest;

  @ApiPropertyOptional({ type: LocalizedDescriptionRequest })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDescriptionRequest)
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({ example: 50, description: 'seats in the cohort' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-06-03' })
  @IsOptional()
  @Matches(ISO_DATE, { message: '$property must be a date YYYY-MM-DD' })
  cohortStartsOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-06-07' })
  @IsOptional()
  @Matches(ISO_DATE, { message: '$property must be a date YYYY-MM-DD' })
  cohortEndsOn?: string | null;

  @ApiPropertyOptional({
    example: 'Asia/Almaty',
    description: "zone of opens/closes (default: the program's)",
  })
  @IsOptionalNonNull()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    example: '2024-03-01T09:00',
    description: `local wall time in timeZone${OFFSET_NOTE}`,
  })
  @IsOptionalNonNull()
  @Matches(WALL_TIME, { message: '$property must be a local date-time like 2024-03-01T09:00' })
  opens?: string;

  @ApiPropertyOptional({
    example: '2024-03-31T18:00',
    description: `local wall time in timeZone${OFFSET_NOTE} (exclusive)`,
  })
  @IsOptionalNonNull()
  @Matches(WALL_TIME, { message: '$property must be a local date-time like 2024-03-31T18:00' })
  closes?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 18 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  minAge?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 35 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  maxAge?: number | null;

  @ApiPropertyOptional({
    example: '2024-06-03',
    description: 'day ages are counted on (default: the day the window closes)',
  })
  @IsOptionalNonNull()
  @Matches(ISO_DATE, { message: '$property must be a date YYYY-MM-DD' })
  ageOn?: string;

  @ApiPropertyOptional({ type: [Number], description: 'regions that may apply (empty: all)' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  allowedRegionIds?: number[];

  @ApiPropertyOptional({
    type: [FormFieldRequest],
    description: 'the application form (locked once someone applied)',
  })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FormFieldRequest)
  form?: FormFieldRequest[];

  @ApiPropertyOptional({ type: RubricRequest, description: 'locked once a score is given' })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => RubricRequest)
  rubric?: RubricRequest;

  @ApiPropertyOptional({ example: 2, description: 'complete reviews an application needs to be ranked' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(50)
  minReviews?: number;

  @ApiPropertyOptional({
    enum: ASSIGNMENT_MODES,
    description: 'all: every reviewer reviews every application',
  })
  @IsOptionalNonNull()
  @IsIn(ASSIGNMENT_MODES)
  assignmentMode?: (typeof ASSIGNMENT_MODES)[number];

  @ApiPropertyOptional({ type: QuotasRequest })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => QuotasRequest)
  quotas?: QuotasRequest;
}

/**
 * Same fields as a patch; title, capacity, opens and closes are required on creation (the domain
 * says which one is missing).
 */
export class CreateCallRequest extends UpdateCallRequest {}

export class AddReviewerRequest {
  @ApiProperty({ format: 'uuid', description: 'any user; the reviewer role is for this call only' })
  @IsUUID()
  userId!: string;
}

export class AssignRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reviewerId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  applicationIds!: string[];
}
