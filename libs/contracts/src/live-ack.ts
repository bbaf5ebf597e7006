/**
 * What every /live acknowledgement looks like and the error codes it may carry. A leaf of the
 * contracts: the live and the engagement events both build on it (neither imports the other for it).
 */
/** Codes of `{ ok: false, error: { code } }` acknowledgements (and of nothing else). */
export const LIVE_ERROR_CODES = [
  /**
   * The payload is not what the event takes (wrong type, missing or unknown field, nested deeper
   * or holding more values than any event takes).
   */
  'invalid_payload',
  /** A text field (or field name) holds a NUL character or an unpaired surrogate: not Unicode text. */
  'invalid_text',
  /** Nobody handles this event name. */
  'unknown_event',
  /** Too many events from this socket in a short time (flood control); the event was dropped. */
  'throttled',
  /** Too many questions or votes from this person (across every gateway); retry after details.retryAfterMs. */
  'rate_limited',
  'session_not_found',
  'question_not_found',
  /** No right to do this (e.g. moderate without being staff, join with a join token of another session). */
  'forbidden',
  /** Joining needs a registration with status registered (or a staff role). */
  'not_registered',
  /** Attendees may join from join_window_minutes before the start; details.opensAt says when. */
  'join_window_closed',
  'session_ended',
  'session_cancelled',
  /** The event needs `session:join` of that session on this socket first. */
  'not_joined',
  /** Question text shorter than 3 characters after trimming. */
  'text_too_short',
  /** Question text longer than 500 characters after trimming. */
  'text_too_long',
  /** A moderation action that does not apply to the question's current status. */
  'invalid_transition',
  /** This person already has the most sockets in this session (details.limit), across every gateway. */
  'too_many_connections',
  /** The socket's token has expired: the server closes the socket (reconnect with a fresh token). */
  'token_expired',
  /**
   * `auth:refresh` with a token that does not verify, has expired, is of another kind or person, or
   * carries other roles or regions (for those, reconnect with the new token instead).
   */
  'invalid_token',
  /** No such poll (or not one of a session this socket joined). */
  'poll_not_found',
  /** The poll takes no answers now: still a draft, or closed. */
  'poll_not_open',
  /** The answer does not fit the poll: an option out of range, too many choices, a rating off the scale, empty words. */
  'invalid_answer',
  /** This person has answered this poll already and it does not take changed answers. */
  'already_answered',
  /** The poll definition is not valid (details say which rule). */
  'invalid_poll',
  /** Chat is off in this session (GET/PUT /sessions/:id/engagement-settings). */
  'chat_disabled',
  /** A moderator muted this person in this session's chat. */
  'muted',
  'message_not_found',
  'bank_item_not_found',
  /** hand:take of someone whose hand is not raised (any more). */
  'hand_not_raised',
  /** Something failed on the server; nothing was changed. */
  'internal',
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export interface LiveError {
  code: LiveErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Every client event is acknowledged with one of these. */
export type LiveAck<T> = { ok: true; data: T } | { ok: false; error: LiveError };
