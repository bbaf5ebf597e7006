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
import { User } from '../identity/user.entity';
import { Application } from './application.entity';
import { Call } from './call.entity';

/** A member of a call's commission; the reviewer role exists per call only. */
@Entity({ name: 'selection_reviewers' })
export class CallReviewer {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id' })
  call?: Relation<Call>;

  @Index()
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An application given to a reviewer, when the call assigns explicitly (mode `explicit`). */
@Entity({ name: 'selection_assignments' })
export class ReviewAssignment {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Index()
  @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: Relation<User>;

  @Index()
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A declared conflict of interest: the reviewer is out of this application (their scores too). */
@Entity({ name: 'selection_conflicts' })
export class ReviewConflict {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: Relation<User>;

  @Index()
  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One reviewer's score of one criterion of one application; given once, never changed. */
@Entity({ name: 'selection_scores' })
@Check('ck_selection_scores_value', 'value >= -1000 AND value <= 1000')
@Index(['applicationId', 'reviewerId', 'criterion'], { unique: true })
@Index(['callId'])
export class Score {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id' })
  call?: Relation<Call>;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Index()
  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: Relation<User>;

  @Column({ type: 'varchar', length: 40 })
  criterion!: string;

  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: numeric })
  value!: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
