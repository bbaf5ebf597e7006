import { ApiProperty } from '@nestjs/swagger';
import type { Region, RegionRevision } from '@qatys/domain';

export class RegionNames {
  @ApiProperty({ example: 'Павлодар облысы' }) kk!: string;
  @ApiProperty({ example: 'Павлодарская область' }) ru!: string;
  @ApiProperty({ example: 'Pavlodar Region' }) en!: string;
}

export class RegionResponse {
  @ApiProperty({ example: 16 }) id!: number;
  @ApiProperty({ example: 'KZ-55' }) code!: string;
  @ApiProperty({ type: RegionNames }) names!: RegionNames;
  @ApiProperty({ example: 'Asia/Almaty' }) timeZone!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while active' })
  retiredAt!: string | null;

  static of(r: Readonly<Region>): RegionResponse {
    return {
      id: r.id,
      code: r.code,
      names: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
      timeZone: r.timeZone,
      retiredAt: r.retiredAt ? r.retiredAt.toISOString() : null,
    };
  }
}

export class RegionRevisionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['created', 'updated', 'retired', 'restored'] }) change!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the region as it stood after the change',
  })
  snapshot!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'user id; null for the initial seed' })
  changedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt!: string;

  static of(r: RegionRevision): RegionRevisionResponse {
    return {
      id: r.id,
      change: r.change,
      snapshot: r.snapshot,
      changedBy: r.changedBy,
      changedAt: r.changedAt.toISOString(),
    };
  }
}
