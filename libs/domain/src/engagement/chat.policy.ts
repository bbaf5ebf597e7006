import type { ChatAudience, ChatModerationAction, ChatStatus } from '@qatys/contracts';
import { conflict, invalid } from '../shared/domain.errors';
import { isStorableText } from '../qa/text.policy';

export const CHAT_MAX_CHARS = 500;

/** A chat message as stored: trimmed, otherwise as typed (plain text, never HTML), 1-500 characters. */
export function chatText(raw: string): string {
  if (!isStorableText(raw)) {
    throw invalid('invalid_text', 'A message may not hold a NUL character or an unpaired surrogate');
  }
  const text = raw.trim();
  const chars = [...text].length;
  if (chars < 1) throw invalid('text_too_short', 'A message needs at least 1 character');
  if (chars > CHAT_MAX_CHARS) {
    throw invalid('text_too_long', `A message may have at most ${CHAT_MAX_CHARS} characters (got ${chars})`);
  }
  return text;
}

/**
 * Messages to everyone wait for a moderator when the session pre-moderates its chat, as questions
 * do; staff messages and messages to the staff only (which only staff read) go out at once.
 */
export function initialChatStatus(to: ChatAudience, premoderation: boolean, fromStaff: boolean): ChatStatus {
  return to === 'all' && premoderation && !fromStaff ? 'pending' : 'approved';
}

/** The audience reads approved messages to everyone; staff read every message. */
export const audienceReads = (m: { to: ChatAudience; status: ChatStatus }): boolean =>
  m.to === 'all' && m.status === 'approved';

/** approve: pending -> approved; delete: from anything (again: no change). A deleted message stays deleted. */
export function chatStep(
  status: ChatStatus,
  action: ChatModerationAction,
): { status: ChatStatus; changed: boolean } {
  if (action === 'delete') return { status: 'deleted', changed: status !== 'deleted' };
  if (status === 'deleted') {
    throw conflict('invalid_transition', 'A deleted message cannot be approved', { status, action });
  }
  return { status: 'approved', changed: status !== 'approved' };
}
