import { Injectable } from '@nestjs/common';
import type {
  QuestionModerationAction,
  QuestionStatus,
  QuestionView,
  QuestionVoteResult,
} from '@qatys/contracts';
import { DataSource } from 'typeorm';
import type { LiveStaffScope } from '../attendance/join.policy';
import { LiveAccessService, LiveIdentity } from '../attendance/live-access.service';
import { DomainError, forbidden, notFound } from '../shared/domain.errors';
import {
  applyModeration,
  findQuestion,
  insertQuestion,
  premoderated,
  QuestionRow,
  sessionQuestionPage,
  SessionQuestionsFilter,
  countSessionQuestions,
  setVote,
} from './question.queries';
import {
  audienceSees,
  canModerate,
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

/** The questions this reader may see: staff every status (a coordinator their regions'), the audience theirs. */
function readerFilter(
  identity: LiveIdentity,
  sessionId: string,
  staff: LiveStaffScope | null,
): SessionQuestionsFilter {
  return {
    sessionId,
    audienceOnly: !staff,
    regionIds: staff?.kind === 'regions' ? staff.regionIds : undefined,
    readerId: identity.userId,
  };
}

export interface ModerationResult {
  question: QuestionView;
  /** Status before the step: the gateway tells the audience when a question appears or disappears. */
  before: QuestionStatus;
  changed: boolean;
}

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
    ...(r.voted_by_me === undefined ? {} : { votedByMe: r.voted_by_me }),
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
    const status = initialQuestionStatus(await premoderated(this.ds.manager, asker.sessionId));
    return questionView(await insertQuestion(this.ds.manager, { ...asker, text, anonymous, status }));
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
      const q = await findQuestion(em, questionId);
      if (!joinedSessionIds.has(q.session_id)) {
        throw new DomainError('forbidden', 'not_joined', 'Join the session of this question first');
      }
      if (!audienceSees(q.status)) throw notFound('Question', questionId);
      const changed = await setVote(em, questionId, userId, up);
      return { question: questionView(await findQuestion(em, questionId)), changed, voted: up };
    });
  }

  /** A moderation step by someone with the right (roles from their token, speakers from the catalog). */
  async moderate(
    identity: LiveIdentity,
    questionId: string,
    action: QuestionModerationAction,
  ): Promise<ModerationResult> {
    return this.ds.transaction(async (em) => {
      const q = await findQuestion(em, questionId, true);
      const person = await this.access.personFacts(q.session_id, identity.userId);
      // Roles come from a token that outlives a disabled account by up to its lifetime.
      if (person.disabled) throw forbidden('This account is disabled');
      if (!identity.staff || !canModerate(identity.staff.roles, person.isSpeaker)) {
        throw forbidden('Only moderators, organizers and the speakers of the session may moderate questions');
      }
      const next = moderate({ status: q.status, pinned: q.pinned }, action);
      if (next.changed) await applyModeration(em, questionId, next, identity.userId);
      return {
        question: questionView(await findQuestion(em, questionId)),
        before: q.status,
        changed: next.changed,
      };
    });
  }

  /** How many questions this reader sees in all (what a join link's page says before it asks). */
  async count(identity: LiveIdentity, sessionId: string): Promise<number> {
    const { staff } = await this.access.readAccess(identity, sessionId);
    return countSessionQuestions(this.ds.manager, readerFilter(identity, sessionId, staff));
  }

  /**
   * REST list: staff see every status (a coordinator their regions'), attendees approved and
   * answered ones plus their own still pending. Each item says whether the reader voted for it.
   */
  async list(identity: LiveIdentity, sessionId: string, filter: QuestionFilter): Promise<QuestionPage> {
    const [page] = await this.listPages(identity, sessionId, filter, 1);
    return page;
  }

  /**
   * `count` pages from `filter.page` on, read with one statement (one sort, one access check):
   * each is what `list` gives for its number. A join link's page is served with its ten pages
   * read ahead (apps/api/src/web/join-views.ts); ten reads of their own were ten sorts of the
   * whole session, each with its own session and access reads, at the moment the attendee's phone
   * fetches the app's code from the same api.
   */
  async listPages(
    identity: LiveIdentity,
    sessionId: string,
    filter: QuestionFilter,
    count: number,
  ): Promise<QuestionPage[]> {
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
    const { rows, total } = await sessionQuestionPage(this.ds.manager, {
      ...readerFilter(identity, sessionId, staff),
      status: filter.status,
      regionId: filter.regionId,
      order: filter.order,
      limit: filter.pageSize * count,
      offset: (filter.page - 1) * filter.pageSize,
    });
    const items = rows.map(questionView);
    return Array.from({ length: count }, (_, i) => ({
      items: items.slice(i * filter.pageSize, (i + 1) * filter.pageSize),
      total,
      page: filter.page + i,
      pageSize: filter.pageSize,
      audience: staff ? 'staff' : 'attendee',
    }));
  }
}
