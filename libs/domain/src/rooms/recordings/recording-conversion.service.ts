import { resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../../events/domain-events';
import { roomOfSession } from '../rooms.queries';
import { ROOMS_OPTIONS, RoomsOptions } from '../rooms.tokens';
import { RecordingConverter } from './recording-converter';
import { pendingConversions, settleConversion } from './recordings.queries';

export type ConversionOutcome = 'ready' | 'none' | 'settled';

/** The page a recording is watched on (signed in; the player asks the api for a playback link). */
export const recordingPageUrl = (publicBaseUrl: string, sessionId: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/app/s/${sessionId}`;

/**
 * The conversion job's one domain method: a built-in room that ended recorded becomes one WebM
 * in RECORDINGS_DIR, and the room's `recording_status` goes from `pending` to `ready` (with
 * `room.recording_ready`, whose handlers put the link on the session and tell the attendees) or
 * `none` (nothing was published). Idempotent: a room already settled is left alone, and a run
 * cut short (a killed worker) leaves it pending for the next attempt.
 */
@Injectable()
export class RecordingConversionService {
  private readonly logger = new Logger(RecordingConversionService.name);
  private readonly converter: RecordingConverter | null;

  constructor(
    private readonly ds: DataSource,
    @Inject(ROOMS_OPTIONS) private readonly options: RoomsOptions,
  ) {
    const recordDir = options.janus?.recordDir;
    this.converter = recordDir ? new RecordingConverter(recordDir, resolve(options.recordingsDir)) : null;
  }

  pending(limit?: number): Promise<string[]> {
    return pendingConversions(this.ds.manager, limit);
  }

  async convert(sessionId: string): Promise<ConversionOutcome> {
    const room = await roomOfSession(this.ds.manager, sessionId);
    if (!room || room.provider !== 'builtin' || room.status !== 'ended' || room.recordingStatus !== 'pending')
      return 'settled';
    if (!this.converter)
      throw new Error('JANUS_RECORD_DIR is not set here: this worker cannot read the recordings');
    const converted = await this.converter.convert(sessionId);
    return this.ds.transaction(async (em) => {
      if (!(await settleConversion(em, sessionId, converted ? 'ready' : 'none', converted?.file ?? null)))
        return 'settled';
      if (!converted) return 'none';
      await recordEvents(em, [
        domainEvent('room.recording_ready', sessionId, {
          sessionId,
          provider: 'builtin',
          url: recordingPageUrl(this.options.publicBaseUrl, sessionId),
        }),
      ]);
      this.logger.log({ sessionId, bytes: converted.bytes }, 'recording converted');
      return 'ready';
    });
  }

  /** The last attempt failed: the room says so (the .mjr files stay for a manual conversion). */
  async fail(sessionId: string): Promise<void> {
    await settleConversion(this.ds.manager, sessionId, 'failed', null);
  }
}
