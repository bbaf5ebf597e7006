import { applyDecorators, BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { LANGUAGES } from '@qatys/domain';

/**
 * The field may be left out, but not sent as null (for fields that cannot be empty; nullable
 * fields use @IsOptional so that null clears them).
 */
export const IsOptionalNonNull = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** At least one of kk/ru/en holds non-blank text. */
export function HasSomeText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasSomeText',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          LANGUAGES.some((l) => {
            const t = (v as Record<string, unknown>)[l];
            return typeof t === 'string' && t.trim().length > 0;
          }),
        defaultMessage: () => '$property needs a text in at least one language (kk, ru or en)',
      },
    },
    options,
  );
}

const NOT_BLANK = /\S/;

export class LocalizedTitleRequest {
  @ApiPropertyOptional({ maxLength: 300, example: 'Ішкі іріктеу қалай өтеді' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  kk?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Как проходит внутрипартийный отбор' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  ru?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'How internal primaries work' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: '$property must not be blank' })
  en?: string;
}

export class LocalizedDescriptionRequest {
  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  kk?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  ru?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  en?: string;
}

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({
    example: 'Asia/Qostanay',
    description: "IANA zone to render times in (default: the reader's profile zone)",
  })
  @IsOptional()
  @IsString()
  tz?: string;
}

export const pageOf = (q: PageQuery) => ({ page: q.page ?? 1, pageSize: q.pageSize ?? 20 });

/** A UUID in the path; anything else is a 400 naming the parameter instead of a database error. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestException({ code: 'validation_failed', message: `${name} must be a UUID` }),
    }),
  );

/** A localized title: at least one of kk/ru/en. Optional (PATCH) unless `required`. */
export function TitleField(required: boolean, description = 'at least one of kk, ru, en'): PropertyDecorator {
  return applyDecorators(
    required
      ? ApiProperty({ type: LocalizedTitleRequest, description })
      : ApiPropertyOptional({ type: LocalizedTitleRequest, description }),
    ...(required ? [] : [IsOptionalNonNull()]),
    IsObject(),
    HasSomeText(),
    ValidateNested(),
    Type(() => LocalizedTitleRequest),
  );
}

/** An optional localized description (may be empty). */
export function DescriptionField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: LocalizedDescriptionRequest }),
    IsOptionalNonNull(),
    IsObject(),
    ValidateNested(),
    Type(() => LocalizedDescriptionRequest),
  );
}
