import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  IsOptionalNonNull,
  LocalizedDescriptionRequest,
  LocalizedTitleRequest,
  TitleField,
  DescriptionField,
} from './catalog-common.request';

class SectionFields {
  @DescriptionField()
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
  @TitleField(true)
  title!: LocalizedTitleRequest;
}

export class UpdateSectionRequest extends SectionFields {
  @TitleField(false)
  title?: LocalizedTitleRequest;
}
