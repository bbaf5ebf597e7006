import { Injectable } from '@nestjs/common';
import type {
  QuestionModerationAction,
  QuestionStatus,
  QuestionView,
  QuestionVoteResult,
} from '@qatys/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { LiveAccessService, LiveIdentity } from '../attendance/live-access.service';
import { DomainError, forbidden, notFound } from '../shared/domain.errors';
import {
  audienceSees,
  canModerate,
  compareQuestions,
  initialQuestionStatus,
  moderate,
  QuestionOrder,
  questionText,
} from './question.policy';

/** The asker as the server knows them from their join: never from the question payload. */
export interface Asker {
  userId: string;
  sessionId: string;
  regionId: number | null;
  sectionId: string | null;
}

export interface QuestionFilter {
  order: QuestionOrder;
  regionId?: number;
  status?: QuestionStatus;
  page: number;
  pageSize: number;
}

export interface QuestionPage {
  items: QuestionView[];
  total: number;
  page: number;
  pageSize: number;
  /** Staff see every status; attendees approved and answered questions only. */
  audience: 'staff' | 'attendee';
}

export interface ModerationResult {
  question: QuestionView;
  /** Status before the step: the gateway tells the audience when a question appears or disappears. */
  before: QuestionStatus;
  changed: boolean;
}

interface QuestionRow {
  id: string;
  session_id: string;
  author_id: string;
  display_name: string;
  region_id: number | null;
  section_id: string | null;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  pinned: boolean;
  upvotes: number;
  created_at: Date;
  answered_at: Date | null;
}

const COLUMNS = `q.id, q.session_id, q.author_id, u.display_name, q.region_id, q.section_id, q.text,
  q.anonymous, q.status, q.pinned, q.upvotes, q.created_at, q.answered_at`;

export function questionView(r: QuestionRow): QuestionView {
  return {
    id: r.id,
    sessionId: r.session_id,
    text: r.text,
    anonymous: r.anonymous,
    author: r.anonymous ? null : { id: r.author_id, displayName: r.display_name },
    regionId: r.region_id,
    sectionId: r.section_id,
    status: r.status,
    pinned: r.pinned,
    upvotes: r.upvotes,
    createdAt: r.created_at.toISOString(),
    answeredAt: r.answered_at?.toISOString() ?? null,
  };
}

/**
 * Questions of live sessions: asked (pre-moderated or not, per session), voted once per person,
 * moderated by moderators, organizers and the session's speakers, listed by votes or time.
 * Text is stored exactly as typed (trimmed) and only ever handed out as text.
 */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
  ) {}

  async ask(asker: Asker, rawText: string, anonymous: boolean): Promise<QuestionView> {
    const text = questionText(rawText);
    const [settings] = await this.ds.query(
      `SELECT qa_premoderation FROM session_live_settings WHERE session_id = $1`,
      [asker.sessionId],
    );
    const status = initialQuestionStatus(settings?.qa_premoderation ?? true);
    const [row] = await this.ds.query(
      `WITH q AS (
         INSERT INTO questions (session_id, author_id, region_id, section_id, text, anonymous, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
       SELECT ${COLUMNS} FROM q JOIN users u ON u.id = q.author_id`,
      [asker.sessionId, asker.userId, asker.regionId, asker.sectionId, text, anonymous, status],
    );
    return questionView(row);
  }

  /**
   * Upvote (up) or take the vote back. A second upvote or an un-vote without a vote changes
   * nothing. Only questions the audience sees, in a session the voter joined, take votes.
   */
  async vote(
    userId: string,
    questionId: string,
    up: boolean,
    joinedSessionIds: ReadonlySet<string>,
  ): Promise<QuestionVoteResult> {
    return this.ds.transaction(async (em) => {
      const q = await this.find(em, questionId);
      if (!joinedSessionIds.has(q.session_id)) {
        throw new DomainError('forbidden', 'not_joined', 'Join the session of this question first');
      }
      if (!audienceSees(q.status)) throw notFound('Question', questionId);
      // Through a CTE: TypeORM hands back DELETE results as [rows, count], not as rows.
      const [{ n }] = await em.query(
        up
          ? `WITH c AS (INSERT INTO question_votes (question_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
             SELECT count(*)::int AS n FROM c`
          : `WITH c AS (DELETE FROM question_votes WHERE question_id = $1 AND user_id = $2 RETURNING 1)
             SELECT count(*)::int AS n FROM c`,
        [questionId, userId],
      );
      const changed = n > 0;
      if (changed) {
        await em.query(`UPDATE questions SET upvotes = upvotes + $2, updated_at = now() WHERE id = $1`, [
          questionId,
          up ? 1 : -1,
        ]);
      }
      return { question: questionView(await this.find(em, questionId)), changed, voted: up };
    });
  }

  /** A moderation step by someone with the right (roles from their token, speakers from the catalog). */
  async moderate(
    identity: LiveIdentity,
    questionId: string,
    action: QuestionModerationAction,
  ): Promise<ModerationResult> {
    return this.ds.transaction(async (em) => {
      const q = await this.find(em, questionId, true);
      const person = await this.access.personFacts(q.session_id, identity.userId);
      // Roles come from a token that outlives a disabled account by up to its lifetime.
      if (person.disabled) throw forbidden('This account is disabled');
      if (!identity.staff || !canModerate(identity.staff.roles, person.isSpeaker)) {
        throw forbidden('Only moderators, organizers and the speakers of the session may moderate questions');
      }
      const next = moderate({ status: q.status, pinned: q.pinned }, action);
      if (next.changed) {
        await em.query(
          `UPDATE questions SET status = $2::varchar, pinned = $3, moderated_by = $4, moderated_at = now(), updated_at = now(),
                  answered_at = CASE WHEN $2::varchar = 'answered' THEN COALESCE(answered_at, now()) ELSE answered_at END
            WHERE id = $1`,
          [questionId, next.status, next.pinned, identity.userId],
        );
      }
      return {
        question: questionView(await this.find(em, questionId)),
        before: q.status,
        changed: next.changed,
      };
    });
  }

  /** REST list: staff see every status (a coordinator their regions'), attendees approved and answered ones. */
  async list(identity: LiveIdentity, sessionId: string, filter: QuestionFilter): Promise<QuestionPage> {
    const { staff } = await this.access.readAccess(identity, sessionId);
    if (!staff && filter.status && !audienceSees(filter.status)) {
      throw forbidden('Attendees see approved and answered questions only');
    }
    if (
      staff?.kind === 'regions' &&
      filter.regionId !== undefined &&
      !staff.regionIds.includes(filter.regionId)
    ) {
      throw forbidden(`You see the questions of your regions only [${staff.regionIds.join(', ')}]`);
    }
    const where = ['q.session_id = $1'];
    const params: unknown[] = [sessionId];
    if (!staff) where.push(`q.status IN ('approved', 'answered')`);
    if (staff?.kind === 'regions') {
      params.push(staff.regionIds);
      where.push(`q.region_id = ANY($${params.length}::int[])`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`q.status = $${params.length}`);
    }
    if (filter.regionId !== undefined) {
      params.push(filter.regionId);
      where.push(`q.region_id = $${params.length}`);
    }
    const rows: QuestionRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM questions q JOIN users u ON u.id = q.author_id WHERE ${where.join(' AND ')}`,
      params,
    );
    const sorted = rows
      .map((r) => ({ r, id: r.id, pinned: r.pinned, upvotes: r.upvotes, createdAt: r.created_at }))
      .sort(compareQuestions(filter.order));
    const from = (filter.page - 1) * filter.pageSize;
    return {
      items: sorted.slice(from, from + filter.pageSize).map((x) => questionView(x.r)),
      total: rows.length,
      page: filter.page,
      pageSize: filter.pageSize,
      audience: staff ? 'staff' : 'attendee',
    };
  }

  private async find(em: EntityManager, id: string, lock = false): Promise<QuestionRow> {
    const [row] = await em.query(
      `SELECT ${COLUMNS} FROM questions q JOIN users u ON u.id = q.author_id WHERE q.id = $1${lock ? ' FOR UPDATE OF q' : ''}`,
      [id],
    );
    if (!row) throw notFound('Question', id);
    return row;
  }
}
