import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Timestamped } from '../shared/timestamps';

/**
 * Reference data: regions change (17 in 2020, 20 since 2022), so they are rows, never an enum.
 * A retired region keeps its row (old registrations and reports still point at it).
 */
@Entity({ name: 'regions' })
export class Region extends Timestamped {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** ISO 3166-2:KZ code, e.g. KZ-55. */
  @Column({ type: 'varchar', length: 16, unique: true })
  code!: string;

  @Column({ name: 'name_kk', type: 'varchar', length: 200 })
  nameKk!: string;

  @Column({ name: 'name_ru', type: 'varchar', length: 200 })
  nameRu!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}

/** Every change to a region, so reports over past years can say what a region was called then. */
@Entity({ name: 'region_revisions' })
export class RegionRevision {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'region_id', type: 'int' })
  regionId!: number;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  @Column({ type: 'varchar', length: 16 })
  change!: 'created' | 'updated' | 'retired' | 'restored';

  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
