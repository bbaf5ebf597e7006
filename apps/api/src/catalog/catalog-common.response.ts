import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LocalizedTextResponse {
  @ApiPropertyOptional() kk?: string;
  @ApiPropertyOptional() ru?: string;
  @ApiPropertyOptional() en?: string;
}

export class PageMetaResponse {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 57, description: 'items matching the query over all pages' }) total!: number;
}
