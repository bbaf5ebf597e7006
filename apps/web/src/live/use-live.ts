/**
 * React glue for one live session: connects, joins (again after each reconnect), keeps the
 * questions the server sends, and reports what the page should say (waiting, live, ended...).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type {
  AttendanceUpdate,
  LiveError,
  QuestionView,
  SessionJoinResult,
} from '@qatys/contracts/live-events';
import { authStore } from '../api/auth-store';
import { http, refreshSignIn } from '../api/http';
import { takeEarlyLive, type EarlyLive } from './early-live-registry';
import { gatewayUrl } from './gateway-url';
import { pageCount } from './join-view-pages';
import { markOnce } from './load-marks';
import { LiveClient, LiveStatus } from './live-client';

export type JoinState =
  | { kind: 'joining' }
  | { kind: 'joined'; result: SessionJoinResult }
  /** Refused by session:join (not registered, window closed, ended, cancelled, forbidden...). */
  | { kind: 'refused'; error: LiveError };

type QuestionsAction =
  | { type: 'merge'; list: QuestionView[] }
  | { type: 'addMissing'; list: QuestionView[] }
  | { type: 'upsert'; q: QuestionView };

function questionsReducer(state: Map<string, QuestionView>, a: QuestionsAction): Map<string, QuestionView> {
  if (a.type === 'addMissing') {
    // A catch-up page: only what this page has not seen at all (what it has is as new or newer).
    const missing = a.list.filter((q) => !state.has(q.id));
    if (missing.length === 0) return state;
    const next = new Map(state);
    for (const q of missing) next.set(q.id, q);
    return next;
  }
  if (a.type === 'merge') {
    // What arrived by event while the list loaded is newer than the list: it wins.
    const next = new Map(a.list.map((q) => [q.id, q]));
    for (const [id, q] of state) next.set(id, q);
    return next;
  }
  const before = state.get(a.q.id);
  // An update that changes nothing shown keeps the same Map: no re-render of a long list.
  if (
    before &&
    before.status === a.q.status &&
    before.upvotes === a.q.upvotes &&
    before.pinned === a.q.pinned
  ) {
    return state;
  }
  const next = new Map(state);
  next.set(a.q.id, a.q);
  return next;
}

/**
 * One's own votes after the list was (re)loaded: the list says, question by question, whether
 * this reader's vote is on it (`votedByMe`), so a reload does not forget them and the next click
 * does not take a vote back by mistake. Questions the list does not mention keep what this page knew.
 */
export function votesAfterLoad(before: ReadonlySet<string>, list: readonly QuestionView[]): Set<string> {
  const next = new Set(before);
  for (const q of list) {
    if (q.votedByMe === true) next.add(q.id);
    else if (q.votedByMe === false) next.delete(q.id);
  }
  return next;
}

export interface QuestionPage {
  items: QuestionView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Every page of a paged question list: the first says how many there are, the rest come in
 * parallel (not asked for at all when the view that wanted them has gone meanwhile).
 */
export async function allQuestionPages(
  load: (page: number) => Promise<QuestionPage>,
  gone: () => boolean = () => false,
): Promise<QuestionView[]> {
  const first = await load(1);
  if (gone()) return first.items;
  const pages = pageCount(first.total, first.pageSize);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => load(i + 2)));
  return [first, ...rest].flatMap((p) => p.items);
}

/** The questions a signed-in person may read (REST): staff every status, attendees approved and answered. */
export const restQuestions = (sessionId: string) => (gone?: () => boolean) =>
  allQuestionPages(
    (page) =>
      http.get<QuestionPage>(`/sessions/${sessionId}/questions?order=votes&pageSize=200&page=${page}`),
    gone,
  );

/** The newest questions a signed-in person may read (REST): the catch-up after joining. */
export const restRecentQuestions = (sessionId: string) => () =>
  http
    .get<QuestionPage>(`/sessions/${sessionId}/questions?order=time&pageSize=200&page=1`)
    .then((p) => p.items);

/**
 * A fresh access token for the signed-in reader's live socket: refreshed with the refresh token;
 * failing that, the API is asked who is signed in, which says plainly when the sign-in is over.
 */
export async function renewSignIn(): Promise<boolean> {
  if (await refreshSignIn()) return true;
  try {
    await http.get('/me');
    return !!authStore.get();
  } catch {
    return false;
  }
}

export interface LiveSession {
  status: LiveStatus;
  refusal: string;
  /** True for a few seconds after a lost connection came back. */
  recovered: boolean;
  join: JoinState;
  sessionStatus: string | null;
  questions: Map<string, QuestionView>;
  attendance: AttendanceUpdate | null;
  client: LiveClient | null;
  /** Votes this person has on questions (the server says so in each vote answer). */
  myVotes: Set<string>;
  setVoted(questionId: string, voted: boolean): void;
  /** Questions asked from this page (a join-link visitor has no account id to match). */
  mine: Set<string>;
  addMine(questionId: string): void;
  upsert(q: QuestionView): void;
  rejoin(): void;
}

export function useLiveSession(
  sessionId: string,
  opts: {
    token(): string | undefined;
    renewToken?(): Promise<boolean>;
    /**
     * Existing questions; left out where none are shown. Loaded at once, beside connecting and
     * joining (not after: the page is ready sooner), and again after each re-join.
     */
    loadQuestions?: (gone: () => boolean) => Promise<QuestionView[]>;
    /**
     * The newest questions, read once after the first join: what was asked between the first
     * list and the join (no event brings it) is caught up with these.
     */
    loadRecent?: () => Promise<QuestionView[]>;
    enabled: boolean;
  },
): LiveSession {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [refusal, setRefusal] = useState('');
  const [recovered, setRecovered] = useState(false);
  const [join, setJoin] = useState<JoinState>({ kind: 'joining' });
  const [sessionStatus, setSessionStatus] = useState<string | null>(null);
  const [attendance, setAttendance] = useState<AttendanceUpdate | null>(null);
  const [questions, dispatch] = useReducer(questionsReducer, new Map<string, QuestionView>());
  const [myVotes, setMyVotes] = useState<Set<string>>(new Set());
  const [mine, setMine] = useState<Set<string>>(new Set());
  const [client, setClient] = useState<LiveClient | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!opts.enabled) return;
    let disposed = false;
    let live: LiveClient | undefined;
    let recoveredTimer: ReturnType<typeof setTimeout> | undefined;

    const loadAll = async (): Promise<void> => {
      const load = optsRef.current.loadQuestions;
      const list = load ? await load(() => disposed).catch(() => null) : null;
      if (list && !disposed) {
        markOnce('qatys.live.questions');
        dispatch({ type: 'merge', list });
        setMyVotes((prev) => votesAfterLoad(prev, list));
      }
    };
    // The first list comes beside connecting and joining, as a bare page would fetch it.
    const firstLoad = loadAll();
    let joinedOnce = false;

    // A join link's socket opened by the entry script (early-live.ts): its first join is already sent.
    let early: EarlyLive | null = null;
    const doJoin = async (c: LiveClient) => {
      const first = early;
      early = null;
      const reply = await (first && first.joinedOn() === c.socket.id ? first.joined : c.join(sessionId));
      if (disposed) return;
      // What the early socket received after its join comes after the join's answer, as it came.
      if (reply.ok) {
        markOnce('qatys.live.joined');
        setJoin({ kind: 'joined', result: reply.data });
        setSessionStatus(reply.data.session.status);
        if (reply.data.attendance) setAttendance(reply.data.attendance);
        first?.release();
        if (joinedOnce) {
          // Back after a lost connection: events were missed, the whole list again.
          await loadAll();
        } else {
          joinedOnce = true;
          // The first list may predate the join: the newest page catches up what was asked in between.
          const recent = optsRef.current.loadRecent;
          if (recent) {
            await firstLoad;
            const list = await recent().catch(() => null);
            if (list && !disposed) dispatch({ type: 'addMissing', list });
          }
        }
      } else {
        first?.release();
        if (reply.error.message !== 'not connected') setJoin({ kind: 'refused', error: reply.error });
      }
    };

    const opened = takeEarlyLive(sessionId, optsRef.current.token());
    const ready: Promise<LiveClient | null> = opened
      ? opened.then((e) => {
          if (!e) return null;
          if (disposed) {
            e.client.close();
            return null;
          }
          if (!e.adopt()) return null;
          early = e;
          return e.client;
        })
      : Promise.resolve(null);
    void ready.then(async (taken) => {
      const client =
        taken ??
        (disposed
          ? null
          : new LiveClient({
              gatewayUrl: await gatewayUrl(),
              token: () => optsRef.current.token(),
              renewToken: optsRef.current.renewToken,
            }));
      if (disposed || !client) {
        client?.close();
        return;
      }
      live = client;
      markOnce('qatys.live.socket');
      setClient(live);
      live.onStatus((s, reason) => {
        setStatus(s);
        setRefusal(reason);
      });
      // An early socket may have connected, or been refused, before the page listened. One that
      // connected and dropped is re-joined by onReconnect below when it comes back.
      if (live.current.status !== 'connecting') {
        setStatus(live.current.status);
        setRefusal(live.current.reason);
      }
      if (live.socket.connected) void doJoin(live);
      else if (!live.hasConnected)
        live.socket.once('connect', () => {
          markOnce('qatys.live.connected');
          void doJoin(live!);
        });
      live.onReconnect(() => {
        setRecovered(true);
        clearTimeout(recoveredTimer);
        recoveredTimer = setTimeout(() => setRecovered(false), 4000);
        void doJoin(live!);
      });
      live.on('question:new', (q) => dispatch({ type: 'upsert', q }));
      live.on('question:update', (q) => dispatch({ type: 'upsert', q }));
      live.on('session:state', (s) => {
        if (s.sessionId === sessionId) setSessionStatus(s.status);
      });
      // The right to be there ended while inside (registration cancelled, account disabled).
      live.on('session:left', (e) => {
        if (e.sessionId === sessionId) setJoin({ kind: 'refused', error: e.error });
      });
      live.on('attendance:update', (u) => {
        if (u.sessionId === sessionId) setAttendance(u);
      });
    });
    return () => {
      disposed = true;
      clearTimeout(recoveredTimer);
      if (live) {
        if (live.socket.connected) void live.leave(sessionId);
        live.close();
      }
      setClient(null);
    };
  }, [sessionId, opts.enabled, attempt]);

  return {
    status,
    refusal,
    recovered,
    join,
    sessionStatus,
    questions,
    attendance,
    client,
    myVotes,
    setVoted: useCallback((id: string, voted: boolean) => {
      setMyVotes((prev) => {
        const next = new Set(prev);
        if (voted) next.add(id);
        else next.delete(id);
        return next;
      });
    }, []),
    upsert: useCallback((q: QuestionView) => dispatch({ type: 'upsert', q }), []),
    mine,
    addMine: useCallback((id: string) => setMine((prev) => new Set(prev).add(id)), []),
    rejoin: useCallback(() => {
      setJoin({ kind: 'joining' });
      setAttempt((n) => n + 1);
    }, []),
  };
}
