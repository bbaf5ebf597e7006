import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class RosterEntryRequest {
  @ApiPropertyOptional({ example: 16, description: 'give regionId or regionCode' })
  @IsOptional()
  @IsInt()
  @Min(1)
  regionId?: number;

  @ApiPropertyOptional({ example: 'KZ-59', description: 'ISO 3166-2:KZ code; give regionId or regionCode' })
  @IsOptional()
  @IsString()
  @Length(1, 16)
  regionCode?: string;

  @ApiProperty({ example: 150, minimum: 0, maximum: 1_000_000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expected!: number;
}

export class ReplaceRosterRequest {
  @ApiProperty({
    type: [RosterEntryRequest],
    description: 'the whole roster (a coordinator: the lines of their regions)',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RosterEntryRequest)
  entries!: RosterEntryRequest[];
}
