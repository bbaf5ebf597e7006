import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertCatalogEditor } from '../catalog/catalog-access';
import type { Actor } from '../shared/actor';
import { invalid, notFound } from '../shared/domain.errors';
import { providerSettingsOfSession } from './rooms.queries';
import { VIDEO_PROVIDERS, VideoProviderKind } from './video-provider';
import { VideoProviders } from './video-providers';

export interface VideoSettingsView {
  /** Set here; null: inherited. */
  provider: VideoProviderKind | null;
  record: boolean;
  /** What runs: this scope's choice, else the program's, else the default, else link. */
  effective: VideoProviderKind;
  fellBackFrom: VideoProviderKind | null;
  available: VideoProviderKind[];
  room: { status: string; recordingStatus: string } | null;
}

/** Which video provider runs a program's or a session's rooms (organizers). */
@Injectable()
export class VideoSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly providers: VideoProviders,
  ) {}

  async get(actor: Actor, scope: 'program' | 'session', id: string): Promise<VideoSettingsView> {
    assertCatalogEditor(actor);
    return this.view(scope, id);
  }

  async put(
    actor: Actor,
    scope: 'program' | 'session',
    id: string,
    input: { provider: VideoProviderKind | null; record?: boolean },
  ): Promise<VideoSettingsView> {
    assertCatalogEditor(actor);
    if (input.provider !== null && !VIDEO_PROVIDERS.includes(input.provider)) {
      throw invalid('invalid_provider', `provider must be one of ${VIDEO_PROVIDERS.join(', ')}`);
    }
    await this.assertExists(scope, id);
    const col = scope === 'program' ? 'program_id' : 'session_id';
    if (input.provider === null) {
      await this.ds.query(`DELETE FROM video_settings WHERE ${col} = $1`, [id]);
    } else {
      await this.ds.query(
        `INSERT INTO video_settings (${col}, provider, record, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (${col}) WHERE ${col} IS NOT NULL
         DO UPDATE SET provider = EXCLUDED.provider, record = EXCLUDED.record, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [id, input.provider, input.record ?? true, actor.userId],
      );
    }
    return this.view(scope, id);
  }

  /**
   * What runs a session's video now (after the fallback to `link`), for a page that already holds
   * the right to see the session: the attendee page skips asking for a grant when it is a plain
   * link. Null when there is no such session.
   */
  async effectiveProvider(sessionId: string): Promise<VideoProviderKind | null> {
    const set = await providerSettingsOfSession(this.ds.manager, sessionId);
    if (!set) return null;
    return this.providers.choose(set).provider;
  }

  private async view(scope: 'program' | 'session', id: string): Promise<VideoSettingsView> {
    await this.assertExists(scope, id);
    const [row] = await this.ds.query(
      scope === 'session'
        ? `SELECT vs.provider, vs.record, vp.provider AS program_provider, r.status, r.recording_status
             FROM sessions s LEFT JOIN video_settings vs ON vs.session_id = s.id
             LEFT JOIN video_settings vp ON vp.program_id = s.program_id
             LEFT JOIN session_rooms r ON r.session_id = s.id WHERE s.id = $1`
        : `SELECT vp.provider, vp.record, NULL AS program_provider, NULL AS status, NULL AS recording_status
             FROM programs p LEFT JOIN video_settings vp ON vp.program_id = p.id WHERE p.id = $1`,
      [id],
    );
    const available = this.providers.available();
    const choice = this.providers.choose({
      session: scope === 'session' ? row.provider : null,
      program: scope === 'session' ? row.program_provider : row.provider,
    });
    return {
      provider: row.provider ?? null,
      record: row.record ?? true,
      effective: choice.provider,
      fellBackFrom: choice.fellBackFrom,
      available,
      room: row.status ? { status: row.status, recordingStatus: row.recording_status } : null,
    };
  }

  private async assertExists(scope: 'program' | 'session', id: string): Promise<void> {
    const [r] = await this.ds.query(
      `SELECT 1 FROM ${scope === 'program' ? 'programs' : 'sessions'} WHERE id = $1`,
      [id],
    );
    if (!r) throw notFound(scope === 'program' ? 'Program' : 'Session', id);
  }
}
