/**
 * A join link's live socket, opened and joined by the entry script while React and the app's
 * code still download and compile. The live view waited for that code before it even opened the
 * socket: connecting and joining then came after the first render (bench:web traces,
 * 2026-12-06: socket opened 30-60 ms after the app started, joined 90-250 ms later, the last
 * step before the page was ready). Now both overlap the app's load, as on a page with no
 * framework. The live view takes the socket over (use-live.ts); it is the same LiveClient, with
 * the same reconnects and re-joins, and nothing received before the view listened is lost.
 */
import type { LiveAck, SessionJoinResult } from '@qatys/contracts/live-events';
import type { EarlyLive } from './early-live-registry';
import { gatewayUrl } from './gateway-url';
import { LiveClient } from './live-client';
import { markOnce } from './load-marks';

/** A page that never takes its socket (it failed to draw) must not stay counted as present. */
const UNTAKEN_MS = 30_000;

export async function openEarlyLive(sessionId: string, token: string): Promise<EarlyLive> {
  const client = new LiveClient({ gatewayUrl: await gatewayUrl(), token: () => token });
  markOnce('qatys.live.socket');
  const kept: Array<[string, unknown[]]> = [];
  const keep = (event: string, ...args: unknown[]) => void kept.push([event, args]);
  client.socket.onAny(keep);
  let joinedOn: string | undefined;
  const joined = new Promise<LiveAck<SessionJoinResult>>((resolve) =>
    client.socket.once('connect', () => {
      markOnce('qatys.live.connected');
      joinedOn = client.socket.id;
      void client.join(sessionId).then(resolve);
    }),
  );
  let closed = false;
  const untaken = setTimeout(() => {
    closed = true;
    client.close();
  }, UNTAKEN_MS);
  return {
    client,
    joined,
    joinedOn: () => joinedOn,
    adopt() {
      clearTimeout(untaken);
      return !closed;
    },
    release() {
      client.socket.offAny(keep);
      const socket = client.socket as unknown as { listeners(e: string): Array<(...a: unknown[]) => void> };
      for (const [event, args] of kept.splice(0)) for (const l of socket.listeners(event)) l(...args);
    },
  };
}
