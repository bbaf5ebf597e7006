/**
 * Q&A moderation: the pending queue first, then approved, answered and dismissed questions,
 * with approve / dismiss / answered / pin, a region filter, votes and live updates.
 */
import { useMemo, useState } from 'react';
import type { QuestionModerationAction, QuestionStatus, QuestionView } from '@qatys/contracts/live-events';
import { authStore } from '../api/auth-store';
import type { Session } from '../api/types';
import { Field, useViewerZone } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { useRegions } from '../lib/regions';
import { timeWithZone } from '../lib/time';
import { VoteCount } from '../components/vote-count';
import { sortQuestions } from '../live/live-client';
import { restQuestions, restRecentQuestions, renewSignIn, useLiveSession } from '../live/use-live';
import { StaffConnectionState } from './staff-live';

const GROUPS: [QuestionStatus, StringKey][] = [
  ['pending', 'qa.pending'],
  ['approved', 'qa.approved'],
  ['answered', 'qa.answered'],
  ['dismissed', 'qa.dismissed'],
];

const ACTIONS: Record<QuestionStatus, [QuestionModerationAction, StringKey][]> = {
  pending: [
    ['approve', 'qa.approve'],
    ['dismiss', 'qa.dismiss'],
  ],
  approved: [
    ['answered', 'qa.markAnswered'],
    ['dismiss', 'qa.dismiss'],
  ],
  answered: [],
  dismissed: [['approve', 'qa.approve']],
};

export default function QuestionsTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
  const zone = useViewerZone();
  const regions = useRegions();
  const [region, setRegion] = useState('');
  const [order, setOrder] = useState<'votes' | 'time'>('votes');
  const [error, setError] = useState<string>();
  const live = useLiveSession(session.id, {
    token: () => authStore.get()?.accessToken,
    renewToken: renewSignIn,
    loadQuestions: restQuestions(session.id),
    loadRecent: restRecentQuestions(session.id),
    enabled: true,
  });

  const grouped = useMemo(() => {
    let list = [...live.questions.values()];
    if (region) list = list.filter((q) => String(q.regionId ?? 'none') === region);
    list =
      order === 'votes' ? sortQuestions(list) : list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const by: Record<QuestionStatus, QuestionView[]> = {
      pending: [],
      approved: [],
      answered: [],
      dismissed: [],
    };
    for (const q of list) by[q.status].push(q);
    return by;
  }, [live.questions, region, order]);

  const regionName = (id: number | null) =>
    id === null
      ? t('dashboard.noRegion')
      : (regions.data && pick(regions.data.find((r) => r.id === id)?.names)) || `#${id}`;

  const moderate = async (q: QuestionView, action: QuestionModerationAction) => {
    if (!live.client) return;
    const reply = await live.client.moderate(q.id, action);
    if (reply.ok) {
      setError(undefined);
      live.upsert(reply.data);
    } else setError(reply.error.code === 'forbidden' ? t('qa.noRight') : reply.error.message);
  };

  const regionIds = [...new Set([...live.questions.values()].map((q) => q.regionId))];

  return (
    <section className="card moderation">
      <h2>{t('tab.questions')}</h2>
      <StaffConnectionState live={live} />
      <div className="row">
        <Field label={t('qa.regionFilter')}>
          {({ id }) => (
            <select id={id} name="region" value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">{t('qa.allRegions')}</option>
              {regionIds.map((r) => (
                <option key={r ?? 'none'} value={String(r ?? 'none')}>
                  {regionName(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('qa.order')}>
          {({ id }) => (
            <select
              id={id}
              name="order"
              value={order}
              onChange={(e) => setOrder(e.target.value as 'votes' | 'time')}
            >
              <option value="votes">{t('qa.byVotes')}</option>
              <option value="time">{t('qa.byTime')}</option>
            </select>
          )}
        </Field>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {GROUPS.map(([status, label]) => (
        <div key={status} className={`qgroup qgroup-${status}`}>
          <h3>
            {t(label)} <span className="count">({grouped[status].length})</span>
          </h3>
          {grouped[status].length === 0 && <p className="hint">{t('qa.emptyGroup')}</p>}
          <ul className="qlist">
            {grouped[status].slice(0, 300).map((q) => (
              <li key={q.id} className={`q${q.pinned ? ' q-pinned' : ''}`} data-question-id={q.id}>
                <p className="q-text">{q.text}</p>
                <p className="q-meta">
                  {q.pinned && <span className="chip chip-pinned">{t('questions.pinned')}</span>}
                  <span>{q.author ? q.author.displayName : t('questions.anonymous')}</span>
                  <span>{regionName(q.regionId)}</span>
                  <span>{timeWithZone(q.createdAt, zone)}</span>
                  <span className="votes">
                    <VoteCount n={q.upvotes} />
                  </span>
                </p>
                <div className="q-actions">
                  {ACTIONS[q.status].map(([action, key]) => (
                    <button
                      key={action}
                      type="button"
                      className={action === 'dismiss' ? 'secondary' : ''}
                      onClick={() => void moderate(q, action)}
                    >
                      {t(key)}
                    </button>
                  ))}
                  {(q.status === 'approved' || q.status === 'pending') && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => void moderate(q, q.pinned ? 'unpin' : 'pin')}
                    >
                      {q.pinned ? t('qa.unpin') : t('qa.pin')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
