import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import {
  HasSomeText,
  IsOptionalNonNull,
  LocalizedDescriptionRequest,
  LocalizedTitleRequest,
} from './catalog-common.request';

class SectionFields {
  @ApiPropertyOptional({ type: LocalizedDescriptionRequest })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDescriptionRequest)
  description?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all')
  leadSpeakerId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, description: 'null = unlimited' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  capacity?: number | null;

  @ApiPropertyOptional({ minimum: 1, description: '1-based; the others are renumbered 1..n' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  position?: number;
}

export class CreateSectionRequest extends SectionFields {
  @ApiProperty({ type: LocalizedTitleRequest })
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LocalizedTitleRequest)
  title!: LocalizedTitleRequest;
}

export class UpdateSectionRequest extends SectionFields {
  @ApiPropertyOptional({ type: LocalizedTitleRequest })
  @IsOptionalNonNull()
  @IsObject()
  @HasSomeText()
  @ValidateNested()
  @Type(() => LocalizedTitleRequest)
  title?: LocalizedTitleRequest;
}
