import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalizedText } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';
import type { CertificateStatus } from './certificate.policy';

/**
 * A certificate of completion: what it says is fixed when it is made (holder's name, program,
 * modules, minutes, completion date, language); `pending` until the worker rendered its PDF
 * (certificate_files), then `issued`; `revoked` for good (re-issuing makes a new one).
 */
@Entity({ name: 'certificates' })
export class Certificate extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  number!: string;

  @Column({ name: 'verify_code', type: 'varchar', length: 32, unique: true })
  verifyCode!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: CertificateStatus;

  @Column({ type: 'varchar', length: 2 })
  language!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 200 })
  holderName!: string;

  @Column({ name: 'program_title', type: 'jsonb' })
  programTitle!: LocalizedText;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  modules!: LocalizedText[];

  @Column({ type: 'numeric', precision: 10, scale: 1 })
  minutes!: string;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'public_name', type: 'boolean', default: false })
  publicName!: boolean;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 500, nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;
}
