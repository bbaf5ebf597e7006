import type { QuestionModerationAction, QuestionStatus } from '@qatys/contracts';
import { conflict, invalid } from '../shared/domain.errors';
import { isStorableText } from './text.policy';

export const QUESTION_STATUSES = ['pending', 'approved', 'dismissed', 'answered'] as const;
export const QUESTION_MIN_CHARS = 3;
export const QUESTION_MAX_CHARS = 500;

/**
 * The text as stored: trimmed, otherwise exactly as typed (it is plain text, rendered as text,
 * never as HTML). Length is counted in characters (code points), so an emoji is one. Unicode text
 * only (see isStorableText).
 */
export function questionText(raw: string): string {
  if (!isStorableText(raw)) {
    throw invalid('invalid_text', 'A question may not hold a NUL character or an unpaired surrogate');
  }
  const text = raw.trim();
  const chars = [...text].length;
  if (chars < QUESTION_MIN_CHARS) {
    throw invalid(
      'text_too_short',
      `A question needs at least ${QUESTION_MIN_CHARS} characters (got ${chars})`,
    );
  }
  if (chars > QUESTION_MAX_CHARS) {
    throw invalid(
      'text_too_long',
      `A question may have at most ${QUESTION_MAX_CHARS} characters (got ${chars})`,
    );
  }
  return text;
}

/** With pre-moderation a question waits for a moderator; without it the audience sees it at once. */
export const initialQuestionStatus = (premoderation: boolean): QuestionStatus =>
  premoderation ? 'pending' : 'approved';

/** Attendees see approved and answered questions; staff see everything. */
export const audienceSees = (status: QuestionStatus): boolean =>
  status === 'approved' || status === 'answered';

export interface QuestionState {
  status: QuestionStatus;
  pinned: boolean;
}

/**
 * A moderation step. Repeating the current state is a no-op (changed: false). A dismissed
 * question can be approved again (a mis-click); pinning applies to questions the audience sees.
 */
export function moderate(
  q: QuestionState,
  action: QuestionModerationAction,
): QuestionState & { changed: boolean } {
  const next = (status: QuestionStatus, pinned = q.pinned) => ({
    status,
    pinned,
    changed: status !== q.status || pinned !== q.pinned,
  });
  switch (action) {
    case 'approve':
      if (q.status === 'answered') throw transition(q.status, action);
      return next('approved');
    case 'dismiss':
      return next('dismissed', false);
    case 'answered':
      if (q.status === 'dismissed') throw transition(q.status, action);
      return next('answered');
    case 'pin':
      if (!audienceSees(q.status)) throw transition(q.status, action);
      return next(q.status, true);
    case 'unpin':
      return next(q.status, false);
  }
}

function transition(status: QuestionStatus, action: QuestionModerationAction) {
  return conflict('invalid_transition', `A ${status} question cannot be given "${action}"`, {
    status,
    action,
  });
}

/** Staff may moderate: organizers, admins, moderators and the session's speakers; never coordinators alone. */
export function canModerate(roles: readonly string[], isSpeaker: boolean): boolean {
  return isSpeaker || roles.some((r) => r === 'admin' || r === 'organizer' || r === 'moderator');
}

export type QuestionOrder = 'votes' | 'time';

export interface Sortable {
  pinned: boolean;
  upvotes: number;
  createdAt: Date;
  id: string;
}

/** Pinned first; then most votes (oldest first among equals) or newest first. */
export function compareQuestions(order: QuestionOrder) {
  return (a: Sortable, b: Sortable): number =>
    Number(b.pinned) - Number(a.pinned) ||
    (order === 'votes'
      ? b.upvotes - a.upvotes || a.createdAt.getTime() - b.createdAt.getTime()
      : b.createdAt.getTime() - a.createdAt.getTime()) ||
    a.id.localeCompare(b.id);
}
