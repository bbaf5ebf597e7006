import { join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, forbidden, notFound } from '../../shared/domain.errors';
import { ROOMS_OPTIONS, RoomsOptions } from '../rooms.tokens';
import { mayWatchRecording, RECORDING_CONTENT_TYPE } from './recording-access.policy';
import { signRecordingLink, verifyRecordingLink } from './recording-link';
import { recordingFacts } from './recordings.queries';

export interface RecordingFile {
  sessionId: string;
  /** Absolute path inside RECORDINGS_DIR. */
  path: string;
  bytes: number;
  contentType: string;
}

export interface Watcher {
  userId: string;
  roles: readonly string[];
}

/**
 * The converted recordings, to the people who may watch them (recording-access.policy): the
 * file itself for a signed-in request, or a personal playback link for a video player.
 */
@Injectable()
export class RecordingAccessService {
  constructor(
    private readonly ds: DataSource,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
  ) {}

  async file(who: Watcher, sessionId: string): Promise<RecordingFile> {
    const facts = await recordingFacts(this.ds.manager, sessionId, who.userId);
    if (!facts) throw notFound('Session', sessionId);
    if (!mayWatchRecording({ roles: who.roles, ...facts }))
      throw forbidden('Only the people registered for the session may watch its recording');
    if (facts.recordingStatus !== 'ready' || !facts.recordingFile) throw notFound('Recording', sessionId);
    const path = join(resolve(this.options.recordingsDir), facts.recordingFile);
    const bytes = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (bytes === null) throw notFound('Recording', sessionId);
    return { sessionId, path, bytes, contentType: RECORDING_CONTENT_TYPE };
  }

  /** A playback link for a `<video>` element (after the same checks as the file). */
  async link(
    who: Watcher,
    sessionId: string,
    secret: string,
    now = new Date(),
  ): Promise<{ url: string; expiresAt: Date; bytes: number; contentType: string }> {
    const f = await this.file(who, sessionId);
    const { token, expiresAt } = signRecordingLink(secret, { sessionId, userId: who.userId }, now);
    const base = this.options.publicBaseUrl.replace(/\/$/, '');
    return { url: `${base}/recordings/${token}`, expiresAt, bytes: f.bytes, contentType: f.contentType };
  }

  /** The file of a playback link; the person's right is looked at again (a cancelled seat loses it). */
  async fileByLink(token: string, secret: string, now = new Date()): Promise<RecordingFile> {
    const claims = verifyRecordingLink(secret, token, now);
    if (!claims)
      throw new DomainError('forbidden', 'recording_link_invalid', 'This playback link is forged or expired');
    const [user] = await this.ds.query(`SELECT roles FROM users WHERE id = $1 AND disabled_at IS NULL`, [
      claims.userId,
    ]);
    if (!user)
      throw new DomainError('forbidden', 'recording_link_invalid', 'This playback link is no longer valid');
    return this.file({ userId: claims.userId, roles: user.roles ?? [] }, claims.sessionId);
  }
}
