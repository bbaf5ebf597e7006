/**
 * The live socket a join link's page opens before React and the app's code have loaded
 * (early-live.ts, started by main.tsx), waiting here for the live view to take it over
 * (use-live.ts). Kept free of runtime imports: it is part of the small entry chunk, which must
 * be able to name the promise before the socket's own chunk has arrived.
 */
import type { LiveAck, SessionJoinResult } from '@qatys/contracts/live-events';
import type { LiveClient } from './live-client';

export interface EarlyLive {
  client: LiveClient;
  /** The answer to the session:join sent on the socket's first connect. */
  joined: Promise<LiveAck<SessionJoinResult>>;
  /**
   * The socket id of that first connection (undefined before it): a socket that dropped and came
   * back before the page took it is on another connection, which that join does not cover.
   */
  joinedOn(): string | undefined;
  /**
   * The page takes it: it is no longer closed for want of a taker. False when it already was (an
   * app that took longer than that to load opens a socket of its own).
   */
  adopt(): boolean;
  /**
   * Hands the events the socket received before the page listened (questions asked, a status
   * change) to the listeners now attached, in the order they came, then stops keeping them.
   */
  release(): void;
}

let waiting: { sessionId: string; token: string; live: Promise<EarlyLive | null> } | undefined;

export function registerEarlyLive(sessionId: string, token: string, live: Promise<EarlyLive | null>): void {
  waiting = { sessionId, token, live };
}

/**
 * The early socket for this session and token, once (the next taker opens its own); undefined
 * when none was opened for them. Resolves to null when it could not be opened.
 */
export function takeEarlyLive(
  sessionId: string,
  token: string | undefined,
): Promise<EarlyLive | null> | undefined {
  if (!waiting || waiting.sessionId !== sessionId || waiting.token !== token) return undefined;
  const { live } = waiting;
  waiting = undefined;
  return live;
}
