import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull, LocalizedDescriptionRequest, PageQuery } from './catalog-common.request';

class SpeakerFields {
  @ApiPropertyOptional({ type: LocalizedDescriptionRequest, description: 'kk / ru / en' })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDescriptionRequest)
  bio?: LocalizedDescriptionRequest;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 300,
    example: 'Academy of Political Management',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  affiliation?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "the speaker's own account, if any",
  })
  @IsOptional()
  @IsUUID('all')
  userId?: string | null;
}

export class CreateSpeakerRequest extends SpeakerFields {
  @ApiProperty({ example: 'Aigerim Sadykova', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: '$property must not be blank' })
  fullName!: string;
}

export class UpdateSpeakerRequest extends SpeakerFields {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNonNull()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: '$property must not be blank' })
  fullName?: string;
}

export class ListSpeakersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'search in name and affiliation' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(200)
  q?: string;
}
