/**
 * The attendee's page of one session, opened from the personal join link in a reminder (no
 * password: the join token) or after signing in. Before the start a countdown; then the live
 * view: the video (built-in rooms play inside the page; other providers open beside it), questions and votes. Every other
 * situation has its own plain message: not open yet, ended, cancelled, no seat, link expired,
 * connection lost and back.
 */
import { FormEvent, lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RoomVideo } from '../live/room-video';
import { EngagementPanel } from '../live/engagement/engagement-panel';
import { RecordingPlayer } from '../live/recording-player';
import type { LiveError, QuestionView } from '@qatys/contracts/live-events';
import { authStore, useAuth } from '../api/auth-store';
import { ApiError, http, readResponse } from '../api/http';
import type { LocalizedText, Session } from '../api/types';
import { ErrorNote, Field, Loading, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { Link, navigate, useLocation } from '../lib/router';
import { browserZone, countdown } from '../lib/clock';
import { attendeePhase } from '../live/live-phase';
import { countText } from '../i18n/count-strings';
import { VoteCount } from '../components/vote-count';
import { codeText } from '../i18n/errors';
import { extraText } from '../i18n/extra-strings';
import { useAsync } from '../lib/use-async';
import { sortQuestions } from '../live/live-client';
import {
  allQuestionPages,
  LiveSession,
  QuestionPage,
  renewSignIn,
  restQuestions,
  restRecentQuestions,
  useLiveSession,
} from '../live/use-live';
import { JOIN_KEY, sessionOfJoinToken, storedJoinToken } from '../live/join-link';
import { takeEarlyJoinView } from '../live/join-view-prefetch';

// Only someone without a usable link signs in here: the form is its own chunk (attendee JS budget).
const LazySignInForm = lazy(() => import('./sign-in.page').then((m) => ({ default: m.SignInForm })));
function SignInForm(props: { onDone: () => void }) {
  return (
    <Suspense fallback={<Loading />}>
      <LazySignInForm {...props} />
    </Suspense>
  );
}

/**
 * The join token from the reminder's link (`/join/<registration id>?t=<token>`; `token=` and the
 * #fragment work too), remembered for this tab so a reload keeps working. The session comes from
 * the token itself; the gateway verifies it.
 */
function useJoinToken(pathId: string | undefined, enabled: boolean) {
  const loc = useLocation();
  return useMemo(() => {
    if (!enabled) return { token: undefined, sessionId: pathId };
    const hash = new URLSearchParams(loc.hash);
    const given =
      loc.query.get('t') ?? loc.query.get('token') ?? hash.get('t') ?? hash.get('token') ?? undefined;
    const sessionId = (given ? sessionOfJoinToken(given) : null) ?? pathId;
    if (given && sessionId) {
      try {
        sessionStorage.setItem(JOIN_KEY + sessionId, given);
      } catch {
        // kept in the address bar instead
      }
      // Out of the address bar: a shared screenshot or copied URL should not carry the token.
      window.history.replaceState(null, '', `/app/join/${sessionId}`);
      return { token: given, sessionId };
    }
    return { token: sessionId ? storedJoinToken(sessionId) : undefined, sessionId };
  }, [enabled, pathId, loc.query, loc.hash]);
}

function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

interface JoinView {
  registrationId: string;
  session: Session;
  questions: QuestionPage;
  /** On the first page: what runs the video (a `link` needs no grant request). */
  videoProvider?: 'builtin' | 'bigbluebutton' | 'link' | null;
}

/** The session of a join token and a page of its visible questions (POST: the token stays out of URLs). */
const joinView = (token: string, questionsPage: number, questionsOrder: 'votes' | 'time' = 'votes') => {
  // The entry script may have asked already (main.tsx): each early answer is taken once.
  const early = questionsOrder === 'votes' ? takeEarlyJoinView(token, questionsPage) : undefined;
  return early
    ? readResponse<JoinView>(early)
    : http.post<JoinView>('/app/join-view', { token, questionsPage, questionsOrder }, { anonymous: true });
};

/**
 * The first page of a join view, asked for once when the page opens and shared by the two that
 * need it at that moment (the session above, the question list below): one request, not two.
 */
function firstJoinView(token: string): () => Promise<JoinView> {
  let shared: Promise<JoinView> | null = joinView(token, 1);
  // Its takers handle a refusal (a forged link): a view drawn and dropped before taking it must
  // not leave an unhandled rejection behind.
  shared.catch(() => undefined);
  let takers = 0;
  return () => {
    const p = shared ?? joinView(token, 1);
    if (++takers >= 2) shared = null;
    return p;
  };
}

const STATUS_ORDER = ['scheduled', 'live', 'ended', 'cancelled'];

/** The API and the gateway may disagree for a moment: a session only ever moves forward. */
function laterStatus(a: string, b: string | null): string {
  if (!b) return a;
  return STATUS_ORDER.indexOf(b) > STATUS_ORDER.indexOf(a) ? b : a;
}

interface SessionInfo {
  title: LocalizedText | null;
  startAt: string;
  endAt: string;
  timeZone: string;
  status: string;
  joinUrl: string | null;
  /** What runs the video, when the join view said; null: not said (ask for a grant); undefined: not yet known. */
  videoProvider: JoinView['videoProvider'] | undefined;
}

export function LivePage({ sessionId: pathId, viaJoinLink }: { sessionId?: string; viaJoinLink?: boolean }) {
  // After a join link was opened once, its path carries the session id (the token is kept aside).
  const { t } = useI18n();
  const { auth } = useAuth();
  const join = useJoinToken(pathId, !!viaJoinLink);
  const sessionId = join.sessionId;
  const usingJoinToken = !!viaJoinLink && !!join.token;
  const signedIn = !!auth;
  const canConnect = !!sessionId && (usingJoinToken || signedIn);

  if (!sessionId || (viaJoinLink && !join.token && !signedIn)) {
    return (
      <section className="card narrow">
        <h1>{t('live.linkBroken')}</h1>
        <p>{t('live.linkBrokenHint')}</p>
        <SignInForm onDone={() => navigate(sessionId ? `/s/${sessionId}` : '/', { replace: true })} />
      </section>
    );
  }
  if (!canConnect) {
    return (
      <section className="card narrow">
        <h1>{t('live.signInToJoin')}</h1>
        <SignInForm onDone={() => undefined} />
      </section>
    );
  }
  return (
    <LiveSessionView
      key={`${sessionId}-${usingJoinToken}`}
      sessionId={sessionId}
      joinToken={usingJoinToken ? join.token : undefined}
    />
  );
}

function LiveSessionView({ sessionId, joinToken }: { sessionId: string; joinToken?: string }) {
  const { t, pick } = useI18n();
  const [firstView] = useState(() => (joinToken ? firstJoinView(joinToken) : null));
  // The session itself: by the join token (no account needed) or as the signed-in reader.
  const rest = useAsync(
    (): Promise<{ session: Session; videoProvider: JoinView['videoProvider'] }> =>
      joinToken && firstView
        ? firstView().then((v) => ({ session: v.session, videoProvider: v.videoProvider ?? null }))
        : http.get<Session>(`/sessions/${sessionId}`).then((session) => ({ session, videoProvider: null })),
    [sessionId, joinToken],
  );
  const live = useLiveSession(sessionId, {
    token: () => joinToken ?? authStore.get()?.accessToken,
    renewToken: joinToken ? undefined : renewSignIn,
    loadQuestions:
      joinToken && firstView
        ? (gone: () => boolean) =>
            allQuestionPages(
              (page) => (page === 1 ? firstView() : joinView(joinToken, page)).then((v) => v.questions),
              gone,
            )
        : restQuestions(sessionId),
    loadRecent: joinToken
      ? () => joinView(joinToken, 1, 'time').then((v) => v.questions.items)
      : restRecentQuestions(sessionId),
    enabled: true,
  });
  const now = useNow(1000);
  // The gateway pushes session:state; after a reconnect or a phone waking up, ask again anyway.
  const reload = rest.reload;
  useEffect(() => {
    if (live.recovered) reload();
  }, [live.recovered, reload]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const info: SessionInfo | null = useMemo(() => {
    const s = rest.data?.session;
    if (s) {
      return {
        title: s.title,
        startAt: s.startAt.utc,
        endAt: s.endAt.utc,
        timeZone: s.timeZone,
        status: laterStatus(s.status, live.sessionStatus),
        joinUrl: s.joinUrl,
        videoProvider: rest.data!.videoProvider,
      };
    }
    if (live.join.kind === 'joined') {
      const g = live.join.result.session;
      return {
        title: null,
        startAt: g.startAt,
        endAt: g.endAt,
        timeZone: browserZone(),
        status: live.sessionStatus ?? g.status,
        joinUrl: null,
        // A join view still on its way will say (its link too); one that failed never will.
        videoProvider: joinToken && rest.error === undefined ? undefined : null,
      };
    }
    return null;
  }, [rest.data, rest.error, joinToken, live.join, live.sessionStatus]);
  const tokenRefused = !!joinToken && rest.error instanceof ApiError && rest.error.status === 401;

  // Not open yet: try again by itself when the window opens.
  const opensAt =
    live.join.kind === 'refused' && live.join.error.code === 'join_window_closed'
      ? String(live.join.error.details?.opensAt ?? '')
      : '';
  useEffect(() => {
    if (!opensAt) return;
    const wait = Date.parse(opensAt) - Date.now();
    const id = setTimeout(live.rejoin, Math.max(1000, Math.min(wait + 500, 2_147_000_000)));
    return () => clearTimeout(id);
  }, [opensAt, live.rejoin]);

  const title = info?.title ? pick(info.title) : t('live.title');
  return (
    <>
      <section className="card live-head">
        <h1>{title}</h1>
        {info && (
          <p className="meta">
            <When utc={info.startAt} zone={info.timeZone} />
          </p>
        )}
        <ConnectionBanner live={live} />
      </section>
      {rest.error !== undefined && !tokenRefused && live.join.kind !== 'joined' && (
        <ErrorNote error={rest.error} onRetry={rest.reload} />
      )}
      <Phase
        sessionId={sessionId}
        live={live}
        info={info}
        now={now}
        joinToken={joinToken}
        opensAt={opensAt}
        tokenRefused={tokenRefused}
      />
    </>
  );
}

function ConnectionBanner({ live }: { live: LiveSession }) {
  const { t } = useI18n();
  if (live.status === 'reconnecting') {
    return (
      <p className="notice notice-warn conn" role="status" aria-live="polite">
        {t('live.reconnecting')}
      </p>
    );
  }
  if (live.recovered && live.status === 'connected') {
    return (
      <p className="notice notice-ok conn" role="status" aria-live="polite">
        {t('live.reconnected')}
      </p>
    );
  }
  return null;
}

const REFUSAL: Partial<Record<LiveError['code'], [StringKey, StringKey]>> = {
  not_registered: ['live.noRight', 'live.noRightHint'],
  forbidden: ['live.noRight', 'live.noRightHint'],
  session_not_found: ['live.notFound', 'live.notFoundHint'],
  session_ended: ['live.ended', 'live.endedHint'],
  session_cancelled: ['live.cancelled', 'live.cancelledHint'],
  too_many_connections: ['live.tooManyTabs', 'live.tooManyTabsHint'],
};

function Phase({
  sessionId,
  live,
  info,
  now,
  joinToken,
  opensAt,
  tokenRefused,
}: {
  sessionId: string;
  live: LiveSession;
  info: SessionInfo | null;
  now: number;
  joinToken?: string;
  opensAt: string;
  tokenRefused: boolean;
}) {
  const { t } = useI18n();
  if (live.status === 'refused' || tokenRefused) {
    return (
      <section className="notice notice-error" role="alert">
        <p>
          <strong>{joinToken ? t('live.linkExpired') : t('live.refused')}</strong>
        </p>
        <p>{joinToken ? t('live.linkExpiredHint') : t('auth.expired')}</p>
        <Link to="/signin">{t('action.signIn')}</Link>
      </section>
    );
  }
  if (live.join.kind === 'joining') {
    const connecting =
      live.status === 'connecting' || live.status === 'connected' ? (
        <p className="loading" role="status">
          {t('live.connecting')}
        </p>
      ) : null;
    // The questions come beside the join (the join link's view has them already): shown as soon
    // as they are in when the session is on now, as they will be once joined, instead of a blank
    // page until the join's answer and then the whole list at once. The same keyed element stays
    // mounted when the rest of the live view arrives. Not for a session not on now, whose join
    // is likely to be refused (not open yet, ended): the list would flash and go.
    const early =
      !!info && live.questions.size > 0 && attendeePhase(info.status, now, info) === 'live' ? (
        <Questions key="questions" live={live} />
      ) : null;
    return (
      <>
        {connecting}
        {early}
      </>
    );
  }
  if (live.join.kind === 'refused') {
    const e = live.join.error;
    if (e.code === 'join_window_closed') {
      return (
        <section className="card state-waiting">
          <h2>{t('live.notOpen')}</h2>
          {info && <Countdown to={info.startAt} now={now} />}
          {opensAt && (
            <p>
              {t('live.opensAt')} <When utc={opensAt} zone={info?.timeZone ?? 'UTC'} short />
            </p>
          )}
        </section>
      );
    }
    const texts = REFUSAL[e.code];
    return (
      <section
        className={`notice ${e.code === 'session_ended' ? '' : 'notice-error'} state-${e.code}`}
        role="alert"
      >
        <p>
          <strong>{texts ? t(texts[0]) : t('error.unexpected')}</strong>
        </p>
        <p>{texts ? t(texts[1]) : e.message}</p>
        <Link to="/">{t('nav.mySessions')}</Link>
        {e.code === 'session_ended' && !joinToken && <RecordingPlayer sessionId={sessionId} />}
      </section>
    );
  }
  const status = info?.status ?? live.join.result.session.status;
  const phase = attendeePhase(status, now, info);
  if (phase === 'cancelled') {
    return (
      <section className="notice notice-error state-cancelled" role="alert">
        <p>
          <strong>{t('live.cancelled')}</strong>
        </p>
        <p>{t('live.cancelledHint')}</p>
      </section>
    );
  }
  if (phase === 'ended') {
    return (
      <>
        <section className="notice state-ended" role="status">
          <p>
            <strong>{t('live.ended')}</strong>
          </p>
          <p>{t('live.endedHint')}</p>
        </section>
        {!joinToken && <RecordingPlayer sessionId={sessionId} />}
        <Questions live={live} ended />
      </>
    );
  }
  return (
    <>
      <section className="card state-live">
        {phase === 'countdown' && info ? (
          <>
            <h2>{t('live.startsSoon')}</h2>
            <Countdown to={info.startAt} now={now} />
          </>
        ) : (
          <h2>
            <span className="dot-live" aria-hidden="true" /> {t('live.liveNow')}
          </h2>
        )}
        <RoomVideo
          sessionId={sessionId}
          joinToken={joinToken}
          fallbackLink={info?.joinUrl ?? null}
          provider={info ? info.videoProvider : undefined}
        />
      </section>
      <EngagementPanel live={live} />
      <AskForm live={live} />
      <Questions key="questions" live={live} />
    </>
  );
}

function Countdown({ to, now }: { to: string; now: number }) {
  const { t, lang } = useI18n();
  const c = countdown(to, now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    <p className="countdown" role="timer" aria-live="off">
      <span className="countdown-label">{t('live.startsIn')}</span>{' '}
      <span className="countdown-value">
        {c.days > 0 && `${countText(lang, 'days', c.days)} `}
        {pad(c.hours)}:{pad(c.minutes)}:{pad(c.seconds)}
      </span>
    </p>
  );
}

const ASK_ERRORS: Partial<Record<string, StringKey>> = {
  text_too_short: 'ask.tooShort',
  text_too_long: 'ask.tooLong',
  rate_limited: 'ask.rateLimited',
  throttled: 'ask.rateLimited',
  not_joined: 'ask.notJoined',
  invalid_text: 'ask.invalidText',
  session_ended: 'live.ended',
  forbidden: 'live.noRight',
};

/** How long "sent" stays on screen: long enough to read, then out of the way of the next question. */
const SENT_NOTICE_MS = 6000;

/** A failure of a socket action in the reader's language (never the server's English message). */
function liveErrorText(t: (k: StringKey) => string, lang: Parameters<typeof codeText>[0], code: string) {
  const key = ASK_ERRORS[code];
  return key ? t(key) : (codeText(lang, code) ?? t('error.unexpected'));
}

function AskForm({ live }: { live: LiveSession }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  // Error codes and the kind of notice, not sentences: they are put into words at each render,
  // so a language switch changes them too.
  const [error, setError] = useState<{ key: StringKey } | { code: string }>();
  const [sent, setSent] = useState<'pending' | 'sent'>();
  useEffect(() => {
    if (!sent) return;
    const id = setTimeout(() => setSent(undefined), SENT_NOTICE_MS);
    return () => clearTimeout(id);
  }, [sent]);
  const [busy, setBusy] = useState(false);
  const sessionId = live.join.kind === 'joined' ? live.join.result.sessionId : '';
  const len = text.trim().length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSent(undefined);
    if (len < 3) return setError({ key: 'ask.tooShort' });
    if (len > 500) return setError({ key: 'ask.tooLong' });
    if (!live.client) return setError({ key: 'live.reconnecting' });
    setError(undefined);
    setBusy(true);
    const reply = await live.client.ask(sessionId, text.trim(), anonymous);
    setBusy(false);
    if (reply.ok) {
      setText('');
      live.addMine(reply.data.id);
      live.upsert(reply.data);
      setSent(reply.data.status === 'pending' ? 'pending' : 'sent');
    } else {
      setError({ code: reply.error.code });
    }
  };
  const errorShown = error && ('key' in error ? t(error.key) : liveErrorText(t, lang, error.code));

  return (
    <section className="card">
      <h2>{t('ask.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('ask.label')} hint={t('ask.hint', { n: len })} error={errorShown}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name="question"
              rows={3}
              maxLength={600}
              value={text}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                setText(e.target.value);
                setSent(undefined);
              }}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="anonymous"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
          />
          {t('ask.anonymous')}
        </label>
        {sent && (
          <p className="notice notice-ok" role="status">
            {sent === 'pending' ? t('ask.pending') : t('ask.sent')}
          </p>
        )}
        <button type="submit" disabled={busy || live.status !== 'connected'}>
          {t('ask.submit')}
        </button>
      </form>
    </section>
  );
}

/** How many questions are drawn at first; the rest on request (thousands would slow a phone). */
const FIRST_PAGE = 100;

function Questions({ live, ended }: { live: LiveSession; ended?: boolean }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState(FIRST_PAGE);
  const [error, setError] = useState<string>();
  const { open, answered, mine } = useMemo(() => {
    const all = sortQuestions(live.questions.values());
    return {
      open: all.filter((q) => q.status === 'approved'),
      answered: all.filter((q) => q.status === 'answered'),
      // An attendee is only ever given their own waiting questions (by the answer to their ask,
      // or by the list after a reload, join link or not): every pending one here is theirs.
      mine: all.filter((q) => q.status === 'pending'),
    };
  }, [live.questions]);
  const busy = useRef(new Set<string>());
  // The live state as of the last render, for a vote's click: the vote handler stays the same
  // function from render to render, so the items (memo) are drawn again only when their own
  // question or vote changes, not on every clock tick, attendance update or join of the page.
  const latest = useRef(live);
  latest.current = live;
  const vote = useCallback(async (q: QuestionView) => {
    const live = latest.current;
    if (!live.client || busy.current.has(q.id)) return;
    busy.current.add(q.id);
    const up = !live.myVotes.has(q.id);
    const reply = await live.client.upvote(q.id, up);
    busy.current.delete(q.id);
    if (reply.ok) {
      setError(undefined);
      live.setVoted(q.id, reply.data.voted);
      live.upsert(reply.data.question);
    } else {
      setError(reply.error.code);
    }
  }, []);

  return (
    <section className="card questions">
      <h2>
        {t('questions.title')} <span className="count">({open.length})</span>
      </h2>
      {error && (
        <p className="error" role="alert">
          {liveErrorText(t, lang, error)}
        </p>
      )}
      {mine.length > 0 && (
        <ul className="qlist mine" aria-label={t('questions.mine')}>
          {mine.map((q) => (
            <li key={q.id} className="q q-pending">
              <p className="q-text">{q.text}</p>
              <span className="chip chip-pending">{t('questions.waiting')}</span>
            </li>
          ))}
        </ul>
      )}
      {/* Not under one's own question waiting for approval: "no questions yet" would read as lost. */}
      {open.length === 0 && mine.length === 0 && <p className="hint">{t('questions.none')}</p>}
      <ul className="qlist" aria-live="polite" aria-relevant="additions">
        {open.slice(0, shown).map((q) => (
          <QuestionItem
            key={q.id}
            q={q}
            voted={live.myVotes.has(q.id)}
            onVote={ended ? undefined : vote}
          />
        ))}
      </ul>
      {open.length > shown && (
        <button type="button" className="secondary" onClick={() => setShown(shown + 500)}>
          {t('questions.more', { n: open.length - shown })}
        </button>
      )}
      {answered.length > 0 && (
        <>
          <h3>
            {t('questions.answered')} <span className="count">({answered.length})</span>
          </h3>
          <ul className="qlist answered">
            {answered.slice(0, shown).map((q) => (
              <QuestionItem key={q.id} q={q} voted={live.myVotes.has(q.id)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * One question of the list. Memoized: a list of 100-600 of them is drawn again only where a
 * question or one's vote changed (see Questions' vote handler).
 */
const QuestionItem = memo(function QuestionItem({
  q,
  voted,
  onVote,
}: {
  q: QuestionView;
  voted: boolean;
  onVote?: (q: QuestionView) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  return (
    <li
      className={`q${q.pinned ? ' q-pinned' : ''}${q.status === 'answered' ? ' q-answered' : ''}`}
      data-question-id={q.id}
    >
      <p className="q-text">{q.text}</p>
      <p className="q-meta">
        {q.pinned && <span className="chip chip-pinned">{t('questions.pinned')}</span>}
        {q.status === 'answered' && <span className="chip chip-answered">{t('questions.answeredChip')}</span>}
        <span className="q-author">{q.author ? q.author.displayName : t('questions.anonymous')}</span>
        {onVote ? (
          <button
            type="button"
            className={`vote${voted ? ' voted' : ''}`}
            aria-pressed={voted}
            onClick={() => void onVote(q)}
          >
            <VoteCount n={q.upvotes} action={extraText(lang, 'questions.upvote')} />
          </button>
        ) : (
          <span className="votes">
            <VoteCount n={q.upvotes} />
          </span>
        )}
      </p>
    </li>
  );
});
