/**
 * Engagement in the console: open a prepared poll or write one on the spot, open / close /
 * reveal, the live tally per region; the raised hands in order; the chat's moderation. On its
 * own live socket, like the other live tabs.
 */
import { FormEvent, useState } from 'react';
import type { PollDefinition, PollKind, PollView } from '@qatys/contracts/live-events';
import { authStore } from '../api/auth-store';
import { download, http } from '../api/http';
import type { Session } from '../api/types';
import { ErrorNote, Field } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { engagementError, useEngagementText } from '../i18n/engagement-text';
import { useAsync } from '../lib/use-async';
import { PollResultsView } from '../live/engagement/poll-results';
import { useEngagement, type Engagement } from '../live/engagement/use-engagement';
import { renewSignIn, useLiveSession } from '../live/use-live';
import { ChatModeration, HandQueueCard, ReactionsSeen } from './engagement-room.card';
import { StaffConnectionState } from './staff-live';
import '../live/engagement/engagement.css';

interface BankItem extends PollDefinition {
  id: string;
}

export default function EngagementTab({ session }: { session: Session }) {
  const t = useEngagementText();
  const live = useLiveSession(session.id, {
    token: () => authStore.get()?.accessToken,
    renewToken: renewSignIn,
    enabled: true,
  });
  const e = useEngagement(live);
  return (
    <>
      <section className="card engagement-console" aria-labelledby="eng-console">
        <h2 id="eng-console">{t('eng.polls')}</h2>
        <StaffConnectionState live={live} />
        {e.ready && !e.canManage && <p className="hint">{t('eng.noRight')}</p>}
        {e.ready && e.canManage && <Bank sessionId={session.id} e={e} />}
        {e.ready && e.canManage && <NewPoll e={e} />}
        {[...e.polls].reverse().map((p) => (
          <StaffPoll key={p.id} poll={p} e={e} />
        ))}
        {e.polls.length > 0 && <AnswersCsv sessionId={session.id} />}
      </section>
      {e.ready && <HandQueueCard e={e} />}
      {e.ready && <ReactionsSeen e={e} />}
      {e.ready && <ChatModeration e={e} />}
    </>
  );
}

function Bank({ sessionId, e }: { sessionId: string; e: Engagement }) {
  const { pick } = useI18n();
  const t = useEngagementText();
  const bank = useAsync(() => http.get<BankItem[]>(`/sessions/${sessionId}/poll-bank`), [sessionId]);
  const [error, setError] = useState<string>();
  const open = async (item: BankItem) => {
    const r = await e.request<PollView>('poll:create', { sessionId, bankItemId: item.id, open: true });
    if (r.ok) {
      setError(undefined);
      e.upsertPoll(r.data);
    } else setError(engagementError(t, r.error));
  };
  return (
    <div className="bank">
      <h3>{t('eng.bank')}</h3>
      <ErrorNote error={bank.error} />
      {bank.data?.length === 0 && <p className="hint">{t('eng.bankEmpty')}</p>}
      <ul className="list">
        {bank.data?.map((item) => (
          <li key={item.id} className="list-item" data-bank-item={item.id}>
            <span className="list-main">
              {item.quiz ? `${t('eng.quiz')}: ` : ''}
              {pick(item.question)}
            </span>
            <span className="list-actions">
              <button type="button" onClick={() => void open(item)}>
                {t('eng.openFromBank')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function NewPoll({ e }: { e: Engagement }) {
  const { lang } = useI18n();
  const t = useEngagementText();
  const [kind, setKind] = useState<PollKind>('single');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [correct, setCorrect] = useState('');
  const [flags, setFlags] = useState({ anonymous: false, changeable: false, quiz: false });
  const [error, setError] = useState<string>();
  const choice = kind === 'single' || kind === 'multiple';

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    // Written on the spot in the staff member's language; the audience sees it as written.
    const poll: PollDefinition = { kind, question: { [lang]: question }, ...flags };
    if (choice) {
      poll.options = options
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean)
        .map((o) => ({ [lang]: o }));
    }
    if (flags.quiz)
      poll.correct = correct
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((n) => Number(n) - 1);
    const r = await e.request<PollView>('poll:create', { sessionId: e.sessionId, poll, open: true });
    if (r.ok) {
      setError(undefined);
      setQuestion('');
      setOptions('');
      setCorrect('');
      e.upsertPoll(r.data);
    } else setError(engagementError(t, r.error));
  };

  return (
    <details className="new-poll">
      <summary>{t('eng.newPoll')}</summary>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('eng.kind')}>
          {({ id }) => (
            <select id={id} value={kind} onChange={(ev) => setKind(ev.target.value as PollKind)}>
              {(['single', 'multiple', 'rating', 'words'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`eng.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('eng.question')}>
          {({ id }) => (
            <input id={id} maxLength={300} value={question} onChange={(ev) => setQuestion(ev.target.value)} />
          )}
        </Field>
        {choice && (
          <Field label={t('eng.options')}>
            {({ id }) => (
              <textarea id={id} rows={4} value={options} onChange={(ev) => setOptions(ev.target.value)} />
            )}
          </Field>
        )}
        {(['anonymous', 'changeable', 'quiz'] as const).map((f) =>
          f === 'quiz' && !choice ? null : (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={flags[f]}
                onChange={(ev) => setFlags({ ...flags, [f]: ev.target.checked })}
              />
              {t(f === 'quiz' ? 'eng.isQuiz' : f === 'anonymous' ? 'eng.anonymous' : 'eng.changeable')}
            </label>
          ),
        )}
        {flags.quiz && choice && (
          <Field label={t('eng.correctOptions')}>
            {({ id }) => <input id={id} value={correct} onChange={(ev) => setCorrect(ev.target.value)} />}
          </Field>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('eng.createOpen')}</button>
      </form>
    </details>
  );
}

function StaffPoll({ poll, e }: { poll: PollView; e: Engagement }) {
  const { pick } = useI18n();
  const t = useEngagementText();
  const [error, setError] = useState<string>();
  const results = e.results.get(poll.id);
  const step = async (event: string, payload: object) => {
    const r = await e.request<PollView>(event, { pollId: poll.id, ...payload });
    if (r.ok) {
      setError(undefined);
      e.upsertPoll(r.data);
    } else setError(engagementError(t, r.error));
  };
  return (
    <article className="card poll" data-poll-id={poll.id} aria-labelledby={`spoll-${poll.id}`}>
      <p className="meta">
        <span className="chip">{poll.quiz ? t('eng.quiz') : t(`eng.kind.${poll.kind}`)}</span>{' '}
        <span className={`chip chip-${poll.status}`}>{t(`eng.status.${poll.status}`)}</span>{' '}
        {poll.revealed && <span className="chip chip-answered">{t('eng.revealed')}</span>}
      </p>
      <h3 id={`spoll-${poll.id}`}>{pick(poll.question)}</h3>
      {e.canManage && (
        <div className="actions">
          {poll.status === 'draft' && (
            <button type="button" onClick={() => void step('poll:open', {})}>
              {t('eng.open')}
            </button>
          )}
          {poll.status === 'open' && (
            <button type="button" className="secondary" onClick={() => void step('poll:close', {})}>
              {t('eng.close')}
            </button>
          )}
          {poll.status !== 'draft' && (
            <button type="button" onClick={() => void step('poll:reveal', { revealed: !poll.revealed })}>
              {poll.revealed ? t('eng.hide') : t('eng.reveal')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {results && <PollResultsView poll={poll} results={results} />}
    </article>
  );
}

function AnswersCsv({ sessionId }: { sessionId: string }) {
  const t = useEngagementText();
  const [failure, setFailure] = useState<unknown>();
  return (
    <p>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void download(`/sessions/${sessionId}/polls.csv`, `polls-${sessionId}.csv`).then(
            () => setFailure(undefined),
            setFailure,
          )
        }
      >
        {t('eng.csv')}
      </button>
      <ErrorNote error={failure} />
    </p>
  );
}
