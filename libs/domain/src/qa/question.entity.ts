import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import type { QuestionStatus } from '@qatys/contracts';
import { Section, Session } from '../catalog/session.entity';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import { Timestamped } from '../shared/timestamps';

@Entity({ name: 'questions' })
@Index(['sessionId', 'createdAt'])
@Check('ck_questions_status', `status IN ('pending','approved','dismissed','answered')`)
export class Question extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Index()
  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  /** The asker's region as the server knows it (registration, else profile). */
  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId!: number | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Relation<Region>;

  /** The asker's section (from the registration). */
  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @ManyToOne(() => Section, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<Section>;

  /** Plain text as typed (trimmed), 3-500 characters; never HTML. */
  @Column({ type: 'varchar', length: 500 })
  text!: string;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: QuestionStatus;

  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** Kept equal to the number of question_votes rows (changed in the same transaction). */
  @Column({ type: 'int', default: 0 })
  upvotes!: number;

  @Column({ name: 'moderated_by', type: 'uuid', nullable: true })
  moderatedBy!: string | null;

  @Column({ name: 'moderated_at', type: 'timestamptz', nullable: true })
  moderatedAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}

/** One vote per person and question: the primary key makes a second upvote a no-op. */
@Entity({ name: 'question_votes' })
export class QuestionVote {
  @PrimaryColumn({ name: 'question_id', type: 'uuid' })
  questionId!: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

  @Index()
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
