import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../shared/actor';
import { DomainError, invalid, notFound } from '../shared/domain.errors';
import { assertCatalogEditor } from './catalog-access';
import { stripPhotoMetadata } from './speaker-photo.metadata';
import { inspectPhoto } from './speaker-photo.policy';
import { SpeakerPhoto } from './speaker-photo.entity';
import { photoVersions, speakerIsPublic } from './speaker-photos.queries';
import { Speaker } from './speaker.entity';

/** A photo as served: its bytes, type and ETag source. */
export interface PhotoFile {
  contentType: string;
  sha256: string;
  data: Buffer;
  updatedAt: Date;
}

/** Speakers' photos: organizers upload, replace and remove them; anybody reads the public ones. */
@Injectable()
export class SpeakerPhotosService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Stores (or replaces) the photo after checking its bytes; the old one is gone at once. What is
   * stored (and hashed, and served) is the photo without its EXIF/XMP/text metadata: a phone
   * picture carries where it was taken, and the public page serves it to anybody.
   */
  async put(actor: Actor, speakerId: string, upload: Buffer): Promise<SpeakerPhoto> {
    assertCatalogEditor(actor);
    await this.requireSpeaker(speakerId);
    const verdict = inspectPhoto(upload);
    if (!verdict.ok) {
      // The format is about the media type (415); a damaged or huge image is bad input (400).
      if (verdict.code === 'unsupported_image_type')
        throw new DomainError('unsupported_media', verdict.code, verdict.message);
      throw invalid(verdict.code, verdict.message);
    }
    const bytes = stripPhotoMetadata(upload, verdict.photo.contentType);
    if (!bytes)
      throw invalid('invalid_image', `The ${verdict.photo.contentType} image is damaged or cut short`);
    const row = {
      speakerId,
      ...verdict.photo,
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: bytes,
      // Set here, not left to the column default: an upsert that replaces keeps the old default.
      updatedAt: new Date(),
    };
    await this.ds.getRepository(SpeakerPhoto).upsert(row, ['speakerId']);
    const { data: _data, ...meta } = row;
    return meta as SpeakerPhoto;
  }

  /** Removes the photo; removing one that is not there is harmless (idempotent). */
  async remove(actor: Actor, speakerId: string): Promise<void> {
    assertCatalogEditor(actor);
    await this.requireSpeaker(speakerId);
    await this.ds.getRepository(SpeakerPhoto).delete({ speakerId });
  }

  /** For organizers (any speaker, published or not). */
  async forEditor(actor: Actor, speakerId: string): Promise<PhotoFile> {
    assertCatalogEditor(actor);
    return this.load(speakerId);
  }

  /** For anybody: only speakers who appear in a published program; otherwise not found. */
  async forPublic(speakerId: string): Promise<PhotoFile> {
    if (!(await speakerIsPublic(this.ds.manager, speakerId))) throw notFound('Speaker photo', speakerId);
    return this.load(speakerId);
  }

  /** speakerId -> sha256 of the current photo, for the photoUrl of speaker views. */
  versions(speakerIds: readonly string[]): Promise<Map<string, string>> {
    return photoVersions(this.ds.manager, speakerIds);
  }

  private async load(speakerId: string): Promise<PhotoFile> {
    const photo = await this.ds
      .getRepository(SpeakerPhoto)
      .createQueryBuilder('ph')
      .addSelect('ph.data')
      .where('ph.speaker_id = :speakerId', { speakerId })
      .getOne();
    if (!photo) throw notFound('Speaker photo', speakerId);
    return {
      contentType: photo.contentType,
      sha256: photo.sha256,
      data: photo.data,
      updatedAt: photo.updatedAt,
    };
  }

  private async requireSpeaker(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Speaker).existsBy({ id }))) throw notFound('Speaker', id);
  }
}
