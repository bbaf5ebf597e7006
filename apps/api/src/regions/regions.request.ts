import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsDefined,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

const CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
const CODE_MESSAGE = 'code must be an ISO 3166-2 code like KZ-99';

export class RegionNamesRequest {
  @ApiProperty({ example: 'Жаңа облыс' }) @IsString() @Length(1, 200) kk!: string;
  @ApiProperty({ example: 'Новая область' }) @IsString() @Length(1, 200) ru!: string;
  @ApiProperty({ example: 'New Region' }) @IsString() @Length(1, 200) en!: string;
}

export class RegionNamesPatch {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) kk?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) ru?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) en?: string;
}

export class CreateRegionRequest {
  @ApiProperty({ example: 'KZ-99', description: 'ISO 3166-2 code, unique' })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ type: RegionNamesRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => RegionNamesRequest)
  names!: RegionNamesRequest;

  @ApiProperty({ example: 'Asia/Almaty', description: 'IANA time zone' })
  @IsTimeZone()
  timeZone!: string;
}

export class UpdateRegionRequest {
  @ApiPropertyOptional({ example: 'KZ-99' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ type: RegionNamesPatch })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegionNamesPatch)
  names?: RegionNamesPatch;

  @ApiPropertyOptional({ example: 'Asia/Qostanay' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class ListRegionsQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'also list retired regions' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeRetired?: 'true' | 'false';
}
