import { Region } from './region.entity';
import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { Language } from '../shared/localized-text';
import type { Role } from '../shared/roles';
import { Timestamped } from '../shared/timestamps';

@Entity({ name: 'users' })
export class User extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased; the unique index is on the column itself. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** Null for an account made from an expected list until its person sets a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  /** E.164 (`+77011234567`), unique; expected lists match people by it. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 2, default: 'ru' })
  language!: Language;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Asia/Almaty' })
  timeZone!: string;

  @Column({ name: 'home_region_id', type: 'int', nullable: true })
  homeRegionId!: number | null;

  @ManyToOne(() => Region, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'home_region_id' })
  homeRegion?: Relation<Region>;

  @Column({ type: 'text', array: true, default: () => `'{attendee}'` })
  roles!: Role[];

  /** Regions a coordinator manages; empty for everyone else. */
  @Column({ name: 'coordinator_region_ids', type: 'int', array: true, default: () => `'{}'` })
  coordinatorRegionIds!: number[];

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}

/** Refresh tokens are rotated on use; only a hash is stored, so a database leak yields none. */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'token_hash', type: 'varchar', length: 128, unique: true })
  tokenHash!: string;

  /** The sign-in this token descends from (by rotation); reusing a rotated token revokes them all. */
  @Index('IDX_refresh_tokens_family_id')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A personal calendar feed URL carries this token; revoking it kills the URL. */
@Entity({ name: 'calendar_feed_tokens' })
export class CalendarFeedToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'token_hash', type: 'varchar', length: 128, unique: true })
  tokenHash!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

@Entity({ name: 'organizations' })
export class Organization extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300, unique: true })
  name!: string;
}
