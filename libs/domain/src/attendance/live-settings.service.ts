import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Program, ProgramModule } from '../catalog/program.entity';
import { Session } from '../catalog/session.entity';
import { assertCatalogEditor } from '../catalog/catalog-access';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Actor } from '../shared/actor';
import { invalid, notFound } from '../shared/domain.errors';
import { DEFAULT_ATTENDED_THRESHOLD_PERCENT } from './completion.policy';
import { DEFAULT_JOIN_WINDOW_MINUTES } from './join.policy';
import { ProgramCompletionRule, SessionLiveSettings } from './live-settings.entity';

export interface LiveSettingsView {
  sessionId: string;
  joinWindowMinutes: number;
  qaPremoderation: boolean;
  recordingUrl: string | null;
}

export interface LiveSettingsInput {
  joinWindowMinutes?: number;
  qaPremoderation?: boolean;
  /** null removes it. */
  recordingUrl?: string | null;
}

export interface CompletionRuleView {
  programId: string;
  attendedThresholdPercent: number;
  /** null: every module. */
  modulesRequired: number | null;
  /** The quiz score (% of the quiz points offered in a person's sessions) completion also needs; null: none. */
  minQuizScorePercent: number | null;
  /** Modules of the program now (its sessions when it has none). */
  unitsTotal: number;
}

export interface CompletionRuleInput {
  attendedThresholdPercent?: number;
  modulesRequired?: number | null;
  minQuizScorePercent?: number | null;
}

export const defaultLiveSettings = (sessionId: string): LiveSettingsView => ({
  sessionId,
  joinWindowMinutes: DEFAULT_JOIN_WINDOW_MINUTES,
  qaPremoderation: true,
  recordingUrl: null,
});

/**
 * Organizer-set settings of the live context, in its own tables: per session (join window,
 * Q&A pre-moderation, recording link) and per program (completion rule). No row = defaults.
 */
@Injectable()
export class LiveSettingsService {
  constructor(private readonly ds: DataSource) {}

  async sessionSettings(sessionId: string): Promise<LiveSettingsView> {
    const row = await this.ds.getRepository(SessionLiveSettings).findOneBy({ sessionId });
    return row ? viewOf(row) : defaultLiveSettings(sessionId);
  }

  async getSession(actor: Actor, sessionId: string): Promise<LiveSettingsView> {
    assertCatalogEditor(actor);
    await this.assertSession(sessionId);
    return this.sessionSettings(sessionId);
  }

  async putSession(actor: Actor, sessionId: string, input: LiveSettingsInput): Promise<LiveSettingsView> {
    assertCatalogEditor(actor);
    if (input.recordingUrl) assertHttpUrl(input.recordingUrl);
    return this.ds.transaction(async (em) => {
      const session = await em.findOne(Session, {
        where: { id: sessionId },
        select: { id: true, status: true },
      });
      if (!session) throw notFound('Session', sessionId);
      const row = await em.findOneBy(SessionLiveSettings, { sessionId });
      const current = row ? viewOf(row) : defaultLiveSettings(sessionId);
      const next: LiveSettingsView = {
        sessionId,
        joinWindowMinutes: input.joinWindowMinutes ?? current.joinWindowMinutes,
        qaPremoderation: input.qaPremoderation ?? current.qaPremoderation,
        recordingUrl: input.recordingUrl === undefined ? current.recordingUrl : input.recordingUrl,
      };
      await em.getRepository(SessionLiveSettings).upsert({ ...next, updatedBy: actor.userId }, ['sessionId']);
      // After the end the follow-ups have gone out (or are about to, and will read this row):
      // a new link must reach the attendees on its own, or it reaches nobody.
      if (session.status === 'ended' && next.recordingUrl && next.recordingUrl !== current.recordingUrl) {
        await recordEvents(em, [
          domainEvent('session.recording_link_set', sessionId, { sessionId, url: next.recordingUrl }),
        ]);
      }
      return next;
    });
  }

  async completionRule(programId: string): Promise<CompletionRuleView> {
    const [row, unitsTotal] = await Promise.all([
      this.ds.getRepository(ProgramCompletionRule).findOneBy({ programId }),
      this.unitsOf(programId),
    ]);
    return {
      programId,
      attendedThresholdPercent: row?.attendedThresholdPercent ?? DEFAULT_ATTENDED_THRESHOLD_PERCENT,
      modulesRequired: row?.modulesRequired ?? null,
      minQuizScorePercent: row?.minQuizScorePercent ?? null,
      unitsTotal,
    };
  }

  async getCompletionRule(actor: Actor, programId: string): Promise<CompletionRuleView> {
    assertCatalogEditor(actor);
    await this.assertProgram(programId);
    return this.completionRule(programId);
  }

  async putCompletionRule(
    actor: Actor,
    programId: string,
    input: CompletionRuleInput,
  ): Promise<CompletionRuleView> {
    assertCatalogEditor(actor);
    await this.assertProgram(programId);
    const current = await this.completionRule(programId);
    const modulesRequired =
      input.modulesRequired === undefined ? current.modulesRequired : input.modulesRequired;
    if (modulesRequired !== null && modulesRequired > current.unitsTotal) {
      throw invalid(
        'modules_required_too_high',
        `modulesRequired is ${modulesRequired} but the program has ${current.unitsTotal} module(s)`,
      );
    }
    const attendedThresholdPercent = input.attendedThresholdPercent ?? current.attendedThresholdPercent;
    const minQuizScorePercent =
      input.minQuizScorePercent === undefined ? current.minQuizScorePercent : input.minQuizScorePercent;
    await this.ds.getRepository(ProgramCompletionRule).upsert(
      {
        programId,
        attendedThresholdPercent,
        modulesRequired,
        minQuizScorePercent,
        updatedBy: actor.userId,
      },
      ['programId'],
    );
    return {
      programId,
      attendedThresholdPercent,
      modulesRequired,
      minQuizScorePercent,
      unitsTotal: current.unitsTotal,
    };
  }

  /** Modules of the program, or its sessions (not cancelled) when it has no modules. */
  private async unitsOf(programId: string): Promise<number> {
    const modules = await this.ds.getRepository(ProgramModule).countBy({ programId });
    if (modules) return modules;
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM sessions WHERE program_id = $1 AND status <> 'cancelled'`,
      [programId],
    );
    return n;
  }

  private async assertSession(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Session).existsBy({ id }))) throw notFound('Session', id);
  }

  private async assertProgram(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Program).existsBy({ id }))) throw notFound('Program', id);
  }
}

function viewOf(row: SessionLiveSettings): LiveSettingsView {
  return {
    sessionId: row.sessionId,
    joinWindowMinutes: row.joinWindowMinutes,
    qaPremoderation: row.qaPremoderation,
    recordingUrl: row.recordingUrl,
  };
}

function assertHttpUrl(raw: string): void {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid('invalid_recording_url', `recordingUrl must be an http(s) URL (got "${raw}")`);
  }
}
