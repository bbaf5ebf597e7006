import type { NoticeAttachment } from './notice-content';
/**
 * What the delivery service needs from the app that sends (the worker) and what it answers:
 * transports, settings, the claimant identity of this process, and the outcome of one job.
 */
export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export interface EmailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable across attempts: a duplicate after a crash is recognisable as one. */
  messageId: string;
  headers: Record<string, string>;
  attachments: NoticeAttachment[];
}

/** The transports, provided by the app that sends (the worker): SMTP and HTTP. */
export interface DeliveryChannels {
  sendEmail(message: EmailMessage): Promise<{ ref: string }>;
  postWebhook(url: string, body: string, headers: Record<string, string>): Promise<{ ref: string }>;
}

/**
 * This process as the holder of ledger claims. While `isHeld()` the process holds its liveness
 * lock in Postgres (see delivery.queries `claimantAlive`): its claims are kept. The moment the
 * process dies, Postgres drops the lock with its connection and any other worker may take the
 * claims over.
 */
export interface DeliveryClaimant {
  readonly id: string;
  isHeld(): boolean;
}

export interface DeliverySettings {
  /** Base of personal join links. */
  publicBaseUrl: string;
  /** JWT_SECRET; without it links carry no token (tests only). */
  joinTokenSecret: string | null;
  /**
   * DELIVERY_CLAIM_LEASE_SECONDS: how long a claim of a living process holds (longer than any one
   * send may take). A dead claimant's claims do not wait for it.
   */
  leaseSeconds: number;
  /** Right-hand side of Message-IDs. */
  messageIdDomain: string;
  /** Null: claims carry no claimant and are only ever taken over when their lease ends. */
  claimant?: DeliveryClaimant | null;
}

export type DeliveryOutcome =
  | { result: 'sent'; channels: string[] }
  | { result: 'skipped' | 'cancelled'; reason: string }
  | { result: 'noop'; reason: string }
  | { result: 'defer'; until: Date; reason: string };

/** A delivery attempt failed; the row keeps the reason (and is `failed` when `final`). */
export class DeliveryFailedError extends Error {
  constructor(
    message: string,
    public readonly final: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailedError';
  }
}
