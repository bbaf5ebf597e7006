import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Speaker } from './speaker.entity';

/** A speaker's photo, bytes and all (see migration SpeakerPhotos: PostgreSQL, not a disk). */
@Entity({ name: 'speaker_photos' })
export class SpeakerPhoto {
  @PrimaryColumn({ name: 'speaker_id', type: 'uuid' })
  speakerId!: string;

  @OneToOne(() => Speaker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Relation<Speaker>;

  @Column({ name: 'content_type', type: 'varchar', length: 32 })
  contentType!: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize!: number;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  /** Hex; the ETag, and (shortened) the version in the photo's URL. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Not read unless asked for: lists only need the version. */
  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
