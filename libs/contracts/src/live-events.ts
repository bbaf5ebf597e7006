/**
 * The Socket.IO contract of the gateway (namespace `/live`): events each side sends, their
 * payloads, the acknowledgement every client event gets, and the error codes it may carry.
 * Instants are UTC ISO strings. Imports only its sibling contracts: clients and servers share it as is.
 */

import type { EngagementClientEvents, EngagementServerEvents } from './engagement-events';
import type { LiveAck, LiveError } from './live-ack';

export const LIVE_NAMESPACE = '/live';

export * from './live-ack';

// ---- client -> server payloads

export interface SessionJoinPayload {
  sessionId: string;
}

export interface SessionLeavePayload {
  sessionId: string;
}

export interface QuestionAskPayload {
  sessionId: string;
  /** 3-500 characters after trimming; stored as given (plain text, never HTML). */
  text: string;
  /** Hide the author's name from everyone (the server still knows who asked, for rate limits). */
  anonymous?: boolean;
}

export interface QuestionUpvotePayload {
  questionId: string;
  /** false takes the vote back; default true. Voting twice is a no-op. */
  up?: boolean;
}

export interface AuthRefreshPayload {
  /** A fresh token of the same kind and person as the socket's (access: same roles and regions). */
  token: string;
}

export const QUESTION_MODERATION_ACTIONS = ['approve', 'dismiss', 'answered', 'pin', 'unpin'] as const;
export type QuestionModerationAction = (typeof QUESTION_MODERATION_ACTIONS)[number];

export interface QuestionModeratePayload {
  questionId: string;
  action: QuestionModerationAction;
}

// ---- shapes the server sends

/** 'all': every region (organizers, moderators, speakers); a list: a coordinator's regions. */
export type StaffScope = 'all' | number[];

export interface SessionJoinResult {
  sessionId: string;
  /** staff: the staff room (pending questions, attendance figures) was joined too. */
  role: 'attendee' | 'staff';
  staffScope: StaffScope | null;
  /** True when this person counts in the attendance (a registered attendee inside the join window). */
  counted: boolean;
  /** Region the person counts in, decided by the server (registration, else profile). */
  regionId: number | null;
  sectionId: string | null;
  session: { startAt: string; endAt: string; status: string; qaPremoderation: boolean };
  /** Staff only: the figures now, so the dashboard does not wait for the next update. */
  attendance: AttendanceUpdate | null;
}

export interface SessionLeaveResult {
  sessionId: string;
}

export interface AttendanceFigures {
  /** People (not connections) live now. */
  live: number;
  /** Most people live at once so far (for a coordinator's totals: the sum of their regions' peaks). */
  peak: number;
  /**
   * Distinct people who joined so far, the join window before the start included: the attendance
   * report's `joined`. (Not the report's `present`, which counts the scheduled time only.)
   */
  joined: number;
  /** @deprecated the same number as `joined`; kept so clients of the first version keep working. */
  attended: number;
  /** From the roster (session's, else the program's); null when the roster has no line. */
  expected: number | null;
  /** Registrations with status registered. */
  registered: number;
  /** joined / expected in percent, one decimal (halves up); null without an expected figure. The report's `coveragePercent`. */
  coveragePercent: number | null;
}

export interface AttendanceRegionLine extends AttendanceFigures {
  /** null: people without a region (organizers only). */
  regionId: number | null;
}

/** Sent to staff at most once a second per session, coalesced; coordinators get their regions only. */
export interface AttendanceUpdate {
  sessionId: string;
  at: string;
  scope: StaffScope;
  regions: AttendanceRegionLine[];
  totals: AttendanceFigures;
}

export type QuestionStatus = 'pending' | 'approved' | 'dismissed' | 'answered';

export interface QuestionView {
  id: string;
  sessionId: string;
  /** Exactly as the asker typed it (trimmed): render as text, never as HTML. */
  text: string;
  anonymous: boolean;
  /** null when anonymous. */
  author: { id: string; displayName: string } | null;
  regionId: number | null;
  sectionId: string | null;
  status: QuestionStatus;
  pinned: boolean;
  upvotes: number;
  createdAt: string;
  answeredAt: string | null;
  /** In lists read over REST only: whether the reader's vote is on it (events carry no reader). */
  votedByMe?: boolean;
}

export interface QuestionVoteResult {
  question: QuestionView;
  /** False for a repeated upvote or an un-vote without a vote: nothing changed. */
  changed: boolean;
  /** Whether this person's vote is on the question now. */
  voted: boolean;
}

export interface SessionStateEvent {
  sessionId: string;
  status: string;
}

export interface AuthRefreshResult {
  /** When the socket's new token expires (UTC ISO; null: never): refresh again before then. */
  expiresAt: string | null;
}

/**
 * The server took this socket out of a session because the person's right to be there ended while
 * they were in it (registration cancelled, account disabled, no longer a speaker, join link no
 * longer matching). `error.code` is what `session:join` would answer now (`not_registered`,
 * `forbidden`). Asking and voting in it are refused (`not_joined`) from then on.
 */
export interface SessionLeftEvent {
  sessionId: string;
  reason: 'rights_revoked';
  error: LiveError;
}

/**
 * The server is about to close this socket because its sign-in no longer holds: `token_expired`
 * (reconnect with a fresh token, or refresh it with `auth:refresh` before it expires) or
 * `forbidden` (the account was disabled).
 */
export interface AuthEndedEvent {
  error: LiveError;
}

type Ack<T> = (reply: LiveAck<T>) => void;

export * from './engagement-events';

/**
 * Client -> server. Every event takes an acknowledgement callback; an event sent without one is
 * ignored (nothing is done: nobody would hear the answer).
 */
export interface LiveClientEvents extends EngagementClientEvents {
  ping: (payload: Record<string, unknown> | undefined, ack: Ack<{ userId: string }>) => void;
  'session:join': (payload: SessionJoinPayload, ack: Ack<SessionJoinResult>) => void;
  'session:leave': (payload: SessionLeavePayload, ack: Ack<SessionLeaveResult>) => void;
  'question:ask': (payload: QuestionAskPayload, ack: Ack<QuestionView>) => void;
  'question:upvote': (payload: QuestionUpvotePayload, ack: Ack<QuestionVoteResult>) => void;
  'question:moderate': (payload: QuestionModeratePayload, ack: Ack<QuestionView>) => void;
  /** Replaces the socket's token before it expires (the same person and rights; a new expiry). */
  'auth:refresh': (payload: AuthRefreshPayload, ack: Ack<AuthRefreshResult>) => void;
}

/**
 * Server -> client. Staff get every question event (pending ones too); the audience gets a
 * `question:new` when a question becomes visible to it and `question:update` after that.
 */
export interface LiveServerEvents extends EngagementServerEvents {
  'attendance:update': (update: AttendanceUpdate) => void;
  'question:new': (question: QuestionView) => void;
  'question:update': (question: QuestionView) => void;
  'session:state': (state: SessionStateEvent) => void;
  'session:left': (event: SessionLeftEvent) => void;
  'auth:ended': (event: AuthEndedEvent) => void;
}
