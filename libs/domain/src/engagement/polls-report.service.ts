import { Injectable } from '@nestjs/common';
import type { PollResults, PollView } from '@qatys/contracts';
import { DataSource } from 'typeorm';
import { regionCodes } from '../attendance/attendance.queries';
import { toCsv } from '../attendance/csv.policy';
import { LiveAccessService } from '../attendance/live-access.service';
import type { Actor } from '../shared/actor';
import { forbidden } from '../shared/domain.errors';
import { pickText } from '../shared/localized-text';
import { tallies } from './poll.policy';
import { answerCounts, pollView, sessionAnswers, sessionPolls, shapeOf } from './polls.queries';

export interface SessionPollsReport {
  sessionId: string;
  /** Coordinators: the regions they see; null: all. */
  regionIds: number[] | null;
  polls: { poll: PollView; results: PollResults }[];
}

export const POLL_ANSWER_COLUMNS = [
  'poll_id',
  'question',
  'kind',
  'user_id',
  'display_name',
  'email',
  'region',
  'answer',
  'correct',
  'answered_at',
] as const;

/**
 * A session's polls after (or during) it: each poll with its tally overall and per region, and
 * every answer as CSV. Staff of the session read it (a coordinator their regions' answers and
 * lines only); anonymous polls never name who answered.
 */
@Injectable()
export class PollsReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
  ) {}

  async report(actor: Actor, sessionId: string): Promise<SessionPollsReport> {
    const regionIds = await this.scope(actor, sessionId);
    const rows = (await sessionPolls(this.ds, sessionId)).filter((r) => r.status !== 'draft');
    const polls = await Promise.all(
      rows.map(async (row) => {
        const { people, counts } = await answerCounts(this.ds, row.id);
        const mine = (r: number | null) => regionIds === null || (r !== null && regionIds.includes(r));
        const t = tallies(
          shapeOf(row),
          people.filter((p) => mine(p.regionId)),
          counts.filter((c) => mine(c.regionId)),
        );
        const results: PollResults = {
          pollId: row.id,
          sessionId,
          status: row.status,
          revealed: row.revealed,
          at: new Date().toISOString(),
          ...t.total,
          regions: t.regions,
        };
        return { poll: pollView(row, true), results };
      }),
    );
    return { sessionId, regionIds, polls };
  }

  async csv(actor: Actor, sessionId: string): Promise<string> {
    const regionIds = await this.scope(actor, sessionId);
    const [rows, codes] = await Promise.all([
      sessionAnswers(this.ds, sessionId, regionIds),
      regionCodes(this.ds),
    ]);
    const lang = actor.language;
    return toCsv(
      POLL_ANSWER_COLUMNS,
      rows.map((r) => {
        const named = !r.anonymous;
        const answer =
          r.choices !== null
            ? r.choices.map((i) => pickText(r.options[i], lang) ?? String(i)).join('; ')
            : r.rating !== null
              ? String(r.rating)
              : (r.words ?? []).join('; ');
        return [
          r.poll_id,
          pickText(r.question, lang),
          r.kind,
          named ? r.user_id : null,
          named ? r.display_name : null,
          named ? r.email : null,
          r.region_id === null ? null : (codes.get(r.region_id) ?? r.region_id),
          answer,
          r.correct,
          r.answered_at.toISOString(),
        ];
      }),
    );
  }

  /** null: every region; a coordinator's regions; attendees and strangers: 403. */
  private async scope(actor: Actor, sessionId: string): Promise<number[] | null> {
    const { staff } = await this.access.readAccess(
      {
        userId: actor.userId,
        staff: { roles: actor.roles, coordinatorRegionIds: actor.coordinatorRegionIds },
      },
      sessionId,
    );
    if (!staff) throw forbidden('Only the staff of the session read its poll results and answers');
    return staff.kind === 'regions' ? staff.regionIds : null;
  }
}
