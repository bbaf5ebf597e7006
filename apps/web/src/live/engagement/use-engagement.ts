/**
 * React glue for the engagement of one live session, on the socket the page already holds
 * (useLiveSession): one engagement:sync after each (re)join, then the server's events — polls
 * opened, closed and revealed, live tallies, the hand queue, reaction bursts, chat messages.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ChatMessageView,
  EngagementState,
  HandChangedEvent,
  HandQueue,
  HandRaiseResult,
  LiveAck,
  MyPollAnswer,
  PollResults,
  PollView,
  ReactionBurst,
} from '@qatys/contracts/live-events';
import type { LiveSession } from '../use-live';

const ACK_TIMEOUT_MS = 10_000;

export interface ChatView {
  enabled: boolean;
  premoderation: boolean;
  muted: boolean;
  messages: ChatMessageView[];
}

export interface Engagement {
  /** The session joined (null until then). */
  sessionId: string;
  ready: boolean;
  canManage: boolean;
  staff: boolean;
  polls: PollView[];
  results: Map<string, PollResults>;
  mine: Map<string, MyPollAnswer>;
  hands: HandQueue | null;
  myHand: HandRaiseResult;
  handNotice: HandChangedEvent['reason'] | null;
  burst: ReactionBurst | null;
  chat: ChatView;
  request<T>(event: string, payload: unknown): Promise<LiveAck<T>>;
  setMine(answer: MyPollAnswer): void;
  setMyHand(hand: HandRaiseResult): void;
  upsertPoll(poll: PollView): void;
  upsertMessage(m: ChatMessageView): void;
  setChat(patch: Partial<ChatView>): void;
}

const NO_HAND: HandRaiseResult = { raised: false, position: null };
const EMPTY_CHAT: ChatView = { enabled: false, premoderation: true, muted: false, messages: [] };

/** The audience keeps open polls and revealed ones; staff keep every poll. */
const keeps = (p: PollView, staff: boolean) => staff || p.status === 'open' || p.revealed;

function upsert<T extends { id: string }>(list: T[], item: T, keep: boolean): T[] {
  const rest = list.filter((x) => x.id !== item.id);
  if (!keep) return rest;
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const next = [...list];
  next[i] = item;
  return next;
}

export function useEngagement(live: LiveSession): Engagement {
  const client = live.client;
  const joined = live.join.kind === 'joined' ? live.join.result : null;
  const sessionId = joined?.sessionId ?? null;
  const staff = joined?.role === 'staff';
  const [ready, setReady] = useState(false);
  const [canManage, setCanManage] = useState(false);
  const [polls, setPolls] = useState<PollView[]>([]);
  const [results, setResults] = useState<Map<string, PollResults>>(new Map());
  const [mine, setMineMap] = useState<Map<string, MyPollAnswer>>(new Map());
  const [hands, setHands] = useState<HandQueue | null>(null);
  const [myHand, setMyHand] = useState<HandRaiseResult>(NO_HAND);
  const [handNotice, setHandNotice] = useState<HandChangedEvent['reason'] | null>(null);
  const [burst, setBurst] = useState<ReactionBurst | null>(null);
  const [chat, setChatState] = useState<ChatView>(EMPTY_CHAT);

  const request = useCallback(
    <T>(event: string, payload: unknown): Promise<LiveAck<T>> => {
      const socket = client?.socket as unknown as
        | {
            connected: boolean;
            timeout(ms: number): {
              emit(e: string, p: unknown, cb: (err: Error | null, r: LiveAck<T>) => void): void;
            };
          }
        | undefined;
      if (!socket?.connected) {
        return Promise.resolve({ ok: false, error: { code: 'internal', message: 'not connected' } });
      }
      return new Promise((resolve) =>
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emit(event, payload, (err, reply) =>
            resolve(
              err ? { ok: false, error: { code: 'internal', message: 'no answer from the server' } } : reply,
            ),
          ),
      );
    },
    [client],
  );

  // One read of everything after each (re)join.
  useEffect(() => {
    if (!client || !sessionId) return;
    let gone = false;
    void request<EngagementState>('engagement:sync', { sessionId }).then((r) => {
      if (gone || !r.ok) return;
      const s = r.data;
      setCanManage(s.canManage);
      setPolls(s.polls);
      setResults(new Map(s.results.map((x) => [x.pollId, x])));
      setMineMap(new Map(s.myAnswers.map((x) => [x.pollId, x])));
      setHands(s.hands);
      setMyHand(s.myHand);
      setChatState({
        enabled: s.chat.enabled,
        premoderation: s.chat.premoderation,
        muted: s.chat.muted,
        messages: s.chat.messages,
      });
      setReady(true);
    });
    return () => {
      gone = true;
    };
  }, [client, sessionId, joined, request]);

  useEffect(() => {
    if (!client || !sessionId) return;
    const mineOnly =
      <T extends { sessionId: string }>(f: (x: T) => void) =>
      (x: T) => {
        if (x.sessionId === sessionId) f(x);
      };
    const offs = [
      client.on(
        'poll:update',
        mineOnly((p: PollView) => setPolls((list) => upsert(list, p, keeps(p, staff)))),
      ),
      client.on(
        'poll:results',
        mineOnly((r: PollResults) => setResults((m) => new Map(m).set(r.pollId, r))),
      ),
      client.on(
        'hand:queue',
        mineOnly((q: HandQueue) => setHands(q)),
      ),
      client.on(
        'hand:changed',
        mineOnly((e: HandChangedEvent) => {
          setMyHand(NO_HAND);
          setHandNotice(e.reason);
        }),
      ),
      client.on(
        'reaction:burst',
        mineOnly((b: ReactionBurst) => setBurst(b)),
      ),
      client.on(
        'chat:message',
        mineOnly((m: ChatMessageView) =>
          setChatState((c) => ({ ...c, messages: upsert(c.messages, m, m.status !== 'deleted') })),
        ),
      ),
      client.on(
        'chat:state',
        mineOnly((s) => setChatState((c) => ({ ...c, enabled: s.enabled, premoderation: s.premoderation }))),
      ),
      client.on(
        'chat:muted',
        mineOnly((r) => setChatState((c) => ({ ...c, muted: r.muted }))),
      ),
    ];
    return () => offs.forEach((off) => off());
  }, [client, sessionId, staff]);

  return {
    sessionId: sessionId ?? '',
    ready,
    canManage,
    staff,
    polls,
    results,
    mine,
    hands,
    myHand,
    handNotice,
    burst,
    chat,
    request,
    setMine: useCallback((a: MyPollAnswer) => setMineMap((m) => new Map(m).set(a.pollId, a)), []),
    setMyHand: useCallback((hand: HandRaiseResult) => {
      setMyHand(hand);
      setHandNotice(null);
    }, []),
    upsertPoll: useCallback((p: PollView) => setPolls((list) => upsert(list, p, true)), []),
    upsertMessage: useCallback(
      (m: ChatMessageView) =>
        setChatState((c) => ({ ...c, messages: upsert(c.messages, m, m.status !== 'deleted') })),
      [],
    ),
    setChat: useCallback((patch: Partial<ChatView>) => setChatState((c) => ({ ...c, ...patch })), []),
  };
}
