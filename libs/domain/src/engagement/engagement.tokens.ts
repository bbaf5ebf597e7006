/** EngagementOptions, provided by the gateway from its configuration. */
export const ENGAGEMENT_OPTIONS = Symbol('ENGAGEMENT_OPTIONS');

export interface EngagementOptions {
  /** Chat messages one person may send per rate window (the Q&A's window). */
  chatMessagesPerWindow: number;
  rateWindowMs: number;
  /** Poll results and hand queues go out at most this often per poll / session. */
  updateIntervalMs: number;
}
