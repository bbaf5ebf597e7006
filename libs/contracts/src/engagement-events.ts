/**
 * Engagement in a live session (namespace `/live`, beside the Q&A): polls and quizzes, raised
 * hands, reactions and chat. Acknowledged like every client event of the gateway
 * (`LiveAck`, see live-events.ts). Instants are UTC ISO strings. Imports nothing outside contracts.
 */
import type { LiveAck } from './live-ack';

export const POLL_KINDS = ['single', 'multiple', 'rating', 'words'] as const;
/** single/multiple choice, a rating on a scale, or short words (a word cloud). */
export type PollKind = (typeof POLL_KINDS)[number];

export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** Text in up to three languages, at least one given; the reader's language is picked, else another. */
export interface EngagementText {
  kk?: string;
  ru?: string;
  en?: string;
}

/** What a poll asks: prepared in the program's bank or written on the spot. */
export interface PollDefinition {
  kind: PollKind;
  /** 1-300 characters in each language given. */
  question: EngagementText;
  /** single/multiple: 2-10 options (each 1-200 characters per language); none for rating and words. */
  options?: EngagementText[];
  /** multiple: at most this many options per answer (default: all). */
  maxChoices?: number;
  /** rating: 1..scale (2-10, default 5). */
  scale?: number;
  /** Results and exports never name who answered (the server still keeps one answer per person). */
  anonymous?: boolean;
  /** An answer may be changed until the poll closes (default: one answer, final). */
  changeable?: boolean;
  /** A quiz question (single/multiple, never anonymous): `correct` says which options score. */
  quiz?: boolean;
  /** Quiz: the indexes (0-based) of the correct options; an answer scores when it is exactly this set. */
  correct?: number[];
}

export interface PollView {
  id: string;
  sessionId: string;
  /** The bank item it was made from, if any. */
  bankItemId: string | null;
  kind: PollKind;
  question: EngagementText;
  options: EngagementText[];
  maxChoices: number | null;
  scale: number | null;
  anonymous: boolean;
  changeable: boolean;
  quiz: boolean;
  /** Quiz answers: staff always; the audience once revealed; null otherwise. */
  correct: number[] | null;
  status: PollStatus;
  /** Results shown to the audience. */
  revealed: boolean;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

/** Counts of one group of answers (all, or one region's). */
export interface PollTally {
  /** People who answered. */
  total: number;
  /** single/multiple: answers per option; rating: answers per value 1..scale (index 0 = 1). */
  counts: number[];
  /** rating: the mean, one decimal; null otherwise or without answers. */
  average: number | null;
  /** words: the most given words, most first (ties alphabetical), at most 50 (10 per region). */
  words: { text: string; count: number }[];
  /** quiz: answers that scored. */
  correctAnswers: number | null;
}

export interface PollRegionTally extends PollTally {
  /** null: people without a region. */
  regionId: number | null;
}

/** Live results: to staff always (coalesced), to the audience once revealed. */
export interface PollResults extends PollTally {
  pollId: string;
  sessionId: string;
  status: PollStatus;
  revealed: boolean;
  at: string;
  regions: PollRegionTally[];
}

/** A person's own answer as stored. */
export interface MyPollAnswer {
  pollId: string;
  choices: number[] | null;
  rating: number | null;
  /** words: as stored (trimmed, lower-cased, inner spaces collapsed). */
  words: string[] | null;
  /** quiz, once revealed: whether it scored; null otherwise. */
  correct: boolean | null;
  answeredAt: string;
}

export interface PollCreatePayload {
  sessionId: string;
  /** Made from a prepared item of the session's program bank... */
  bankItemId?: string;
  /** ...or written on the spot (exactly one of the two). */
  poll?: PollDefinition;
  /** Open it at once (default: a draft). */
  open?: boolean;
}

export interface PollRefPayload {
  pollId: string;
}

export interface PollRevealPayload {
  pollId: string;
  /** false hides the results again (default true). */
  revealed?: boolean;
}

/** Exactly the field of the poll's kind: choices (single: one), rating, or words. */
export interface PollAnswerPayload {
  pollId: string;
  choices?: number[];
  rating?: number;
  /** Up to 3 words or short phrases separated by commas, 40 characters each. */
  words?: string;
}

export interface PollAnswerResult {
  answer: MyPollAnswer;
  /** True when an earlier answer was replaced (changeable polls). */
  replaced: boolean;
}

// ---- raised hands

export interface HandView {
  userId: string;
  displayName: string;
  regionId: number | null;
  raisedAt: string;
}

/** Staff: the queue in the order hands went up (the first 200), coalesced. */
export interface HandQueue {
  sessionId: string;
  total: number;
  hands: HandView[];
}

export interface HandRaiseResult {
  raised: boolean;
  /** 1-based place in the queue; null once lowered. */
  position: number | null;
}

export interface HandLowerPayload {
  sessionId: string;
  /** Staff may lower someone else's hand; attendees lower their own (leave it out). */
  userId?: string;
}

export interface HandTakePayload {
  sessionId: string;
  userId: string;
}

/** To the person whose hand went down from the staff's side (taken, lowered, all lowered). */
export interface HandChangedEvent {
  sessionId: string;
  reason: 'taken' | 'lowered' | 'cleared';
}

// ---- reactions

export const REACTIONS = ['thumbs_up', 'heart', 'clap', 'laugh', 'surprised', 'thinking'] as const;
export type Reaction = (typeof REACTIONS)[number];

export interface ReactionSendPayload {
  sessionId: string;
  reaction: Reaction;
}

/** At most one per second per session to everyone in it: the reactions of that second, summed. */
export interface ReactionBurst {
  sessionId: string;
  at: string;
  counts: Partial<Record<Reaction, number>>;
}

// ---- chat

export const CHAT_AUDIENCES = ['all', 'staff'] as const;
export type ChatAudience = (typeof CHAT_AUDIENCES)[number];
export type ChatStatus = 'pending' | 'approved' | 'deleted';
export const CHAT_MODERATION_ACTIONS = ['approve', 'delete'] as const;
export type ChatModerationAction = (typeof CHAT_MODERATION_ACTIONS)[number];

export interface ChatMessageView {
  id: string;
  sessionId: string;
  author: { id: string; displayName: string };
  regionId: number | null;
  to: ChatAudience;
  /** Exactly as typed (trimmed): render as text, never as HTML. Empty for the audience once deleted. */
  text: string;
  status: ChatStatus;
  /** Sent by staff. */
  staff: boolean;
  createdAt: string;
}

export interface ChatSendPayload {
  sessionId: string;
  /** 1-500 characters after trimming. */
  text: string;
  /** everyone (default; pre-moderated when the session says so) or the staff only. */
  to?: ChatAudience;
}

export interface ChatModeratePayload {
  messageId: string;
  action: ChatModerationAction;
}

export interface ChatMutePayload {
  sessionId: string;
  userId: string;
  /** false lifts it (default true). */
  muted?: boolean;
}

export interface ChatMuteResult {
  sessionId: string;
  userId: string;
  muted: boolean;
}

/** A session's chat settings, told to everyone in it when they change (polled every 2 s). */
export interface ChatState {
  sessionId: string;
  enabled: boolean;
  premoderation: boolean;
}

// ---- one read of everything after a (re)join

export interface EngagementSyncPayload {
  sessionId: string;
}

export interface EngagementState {
  sessionId: string;
  /** May open/close/reveal polls, take hands, moderate the chat (moderators, organizers, speakers). */
  canManage: boolean;
  /** Staff: every poll; the audience: open polls and closed ones whose results were revealed. */
  polls: PollView[];
  /** Staff: every poll's that is not a draft; the audience: revealed ones. */
  results: PollResults[];
  myAnswers: MyPollAnswer[];
  /** Staff: the queue; null for the audience. */
  hands: HandQueue | null;
  myHand: HandRaiseResult;
  chat: ChatState & {
    muted: boolean;
    /** The last 100 messages this person may read, oldest first. */
    messages: ChatMessageView[];
  };
}

type Ack<T> = (reply: LiveAck<T>) => void;

/** Client -> server (merged into LiveClientEvents). */
export interface EngagementClientEvents {
  'engagement:sync': (payload: EngagementSyncPayload, ack: Ack<EngagementState>) => void;
  'poll:create': (payload: PollCreatePayload, ack: Ack<PollView>) => void;
  'poll:open': (payload: PollRefPayload, ack: Ack<PollView>) => void;
  'poll:close': (payload: PollRefPayload, ack: Ack<PollView>) => void;
  'poll:reveal': (payload: PollRevealPayload, ack: Ack<PollView>) => void;
  'poll:answer': (payload: PollAnswerPayload, ack: Ack<PollAnswerResult>) => void;
  'poll:results': (payload: PollRefPayload, ack: Ack<PollResults>) => void;
  'hand:raise': (payload: EngagementSyncPayload, ack: Ack<HandRaiseResult>) => void;
  'hand:lower': (payload: HandLowerPayload, ack: Ack<HandRaiseResult>) => void;
  'hand:take': (payload: HandTakePayload, ack: Ack<HandView>) => void;
  'hand:clear': (payload: EngagementSyncPayload, ack: Ack<{ lowered: number }>) => void;
  'reaction:send': (payload: ReactionSendPayload, ack: Ack<Record<string, never>>) => void;
  'chat:send': (payload: ChatSendPayload, ack: Ack<ChatMessageView>) => void;
  'chat:moderate': (payload: ChatModeratePayload, ack: Ack<ChatMessageView>) => void;
  'chat:mute': (payload: ChatMutePayload, ack: Ack<ChatMuteResult>) => void;
}

/** Server -> client (merged into LiveServerEvents). */
export interface EngagementServerEvents {
  /** Staff: every poll change (drafts too); the audience: a poll opened, closed or (un)revealed. */
  'poll:update': (poll: PollView) => void;
  /** Staff: live results, at most one per poll per GATEWAY_ENGAGEMENT_UPDATE_MS; audience: when revealed. */
  'poll:results': (results: PollResults) => void;
  'hand:queue': (queue: HandQueue) => void;
  'hand:changed': (event: HandChangedEvent) => void;
  'reaction:burst': (burst: ReactionBurst) => void;
  /** Staff: every message and change; the audience: approved messages to everyone, and their deletion. */
  'chat:message': (message: ChatMessageView) => void;
  'chat:state': (state: ChatState) => void;
  /** To the person muted or unmuted. */
  'chat:muted': (result: ChatMuteResult) => void;
}
