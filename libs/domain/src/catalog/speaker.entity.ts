import { User } from '../identity/user.entity';
import { Column, Entity, JoinColumn, ManyToOne, Index, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { LocalizedText } from '../shared/localized-text';
import { Timestamped } from '../shared/timestamps';

@Entity({ name: 'speakers' })
export class Speaker extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Set when the speaker also signs in (to moderate Q&A of their sessions). */
  @Index()
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  bio!: LocalizedText;

  @Column({ type: 'varchar', length: 300, nullable: true })
  affiliation!: string | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;
}
