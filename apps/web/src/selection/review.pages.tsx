/**
 * The commission member's side: the calls they review, the queue of applications assigned to
 * them, and one application scored criterion by criterion. Others' scores are shown only when
 * the API sends them (othersVisible: after one has scored every criterion).
 */
import { FormEvent, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { Field, Loading } from '../components/ui';
import { Link, navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { selectionApi } from './selection-api';
import type { Application, Call, Scores } from './selection-types';
import { At, SelError, useRegionName, useSel } from './selection-ui';

export function ReviewHomePage() {
  const sel = useSel();
  const calls = useAsync(() => selectionApi.myReviewCalls(), []);
  return (
    <section className="card">
      <h1>{sel.s('review.title')}</h1>
      {calls.loading && !calls.data && <Loading />}
      <SelError error={calls.error} onRetry={calls.reload} />
      {calls.data?.length === 0 && <p>{sel.s('review.none')}</p>}
      <ul className="list">
        {calls.data?.map((c) => (
          <li key={c.id} className="list-item">
            <div className="list-main">
              <Link to={`/review/calls/${c.id}`}>
                <strong>{sel.pick(c.title)}</strong>
              </Link>
            </div>
            <span className="chip">{sel.s(`state.${c.state}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const MY_REVIEW = {
  none: 'review.my.none',
  partial: 'review.my.partial',
  complete: 'review.my.complete',
} as const;

export function ReviewQueuePage({ callId }: { callId: string }) {
  const sel = useSel();
  const regionName = useRegionName();
  const data = useAsync(
    async () => ({ call: await selectionApi.call(callId), apps: await selectionApi.applications(callId) }),
    [callId],
  );
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <SelError error={data.error} onRetry={data.reload} />;
  const { call, apps } = data.data;
  const done = apps.items.filter((a) => a.myReview === 'complete').length;
  return (
    <section className="card">
      <p className="crumbs">
        <Link to="/review">{sel.s('review.title')}</Link>
      </p>
      <h1>{sel.pick(call.title)}</h1>
      <h2>{sel.s('review.queue')}</h2>
      <p role="status">{sel.s('review.progress', { done, total: apps.total })}</p>
      {apps.items.length === 0 && <p>{sel.s('review.queueEmpty')}</p>}
      <ul className="list">
        {apps.items.map((a) => (
          <li key={a.id} className="list-item">
            <div className="list-main">
              <Link to={`/review/applications/${a.id}`}>
                {sel.s('review.open', { name: a.applicant?.displayName ?? a.id.slice(0, 8) })}
              </Link>
              <span className="meta">
                {regionName(a.regionId, a.regionCode)} · <At time={a.submittedAt} zone={call.timeZone} />
              </span>
            </div>
            <span className={`chip chip-review-${a.myReview ?? 'none'}`}>
              {sel.s(MY_REVIEW[a.myReview ?? 'none'])}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ReviewApplicationPage({ applicationId }: { applicationId: string }) {
  const sel = useSel();
  const data = useAsync(async () => {
    const app = await selectionApi.application(applicationId);
    const [call, scores] = await Promise.all([
      selectionApi.call(app.callId),
      selectionApi.scores(applicationId),
    ]);
    return { app, call, scores };
  }, [applicationId]);
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <SelError error={data.error} onRetry={data.reload} />;
  const { app, call, scores } = data.data;
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/review/calls/${call.id}`}>{sel.s('review.backToQueue')}</Link>
        </p>
        <h1>{app.applicant?.displayName}</h1>
        <p className="meta">{sel.pick(call.title)}</p>
        <Answers app={app} call={call} />
      </section>
      <ScoreForm call={call} scores={scores} applicationId={app.id} onSaved={data.reload} />
      {app.myReview !== 'complete' && call.state !== 'decided' && <Conflict app={app} />}
      <OthersScores call={call} scores={scores} />
    </>
  );
}

function Answers({ app, call }: { app: Application; call: Call }) {
  const sel = useSel();
  const regionName = useRegionName();
  return (
    <>
      <h2>{sel.s('review.answers')}</h2>
      <dl className="facts">
        <div>
          <dt>{sel.s('review.birthDate')}</dt>
          <dd>{app.birthDate}</dd>
        </div>
        <div>
          <dt>{sel.s('review.region')}</dt>
          <dd>{regionName(app.regionId, app.regionCode)}</dd>
        </div>
        {call.form.map((f) => {
          const v = app.answers[f.key];
          const shown =
            v === undefined || v === null
              ? '—'
              : f.type === 'choice'
                ? sel.pick(f.options?.find((o) => o.value === v)?.label) || String(v)
                : String(v);
          return (
            <div key={f.key} className="answer">
              <dt>{sel.pick(f.label)}</dt>
              <dd className="preview">
                {f.type === 'file_link' && typeof v === 'string' ? (
                  <a href={v} target="_blank" rel="noopener noreferrer">
                    {v}
                  </a>
                ) : (
                  shown
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

function ScoreForm({
  call,
  scores,
  applicationId,
  onSaved,
}: {
  call: Call;
  scores: Scores;
  applicationId: string;
  onSaved(): void;
}) {
  const sel = useSel();
  const { auth } = useAuth();
  const me = auth?.user.id;
  const mine = new Map(scores.scores.filter((x) => x.reviewerId === me).map((x) => [x.criterion, x]));
  const { min, max } = scores.rubric.scale;
  const todo = scores.rubric.criteria.filter((c) => !mine.has(c.key));
  const [values, setValues] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [bad, setBad] = useState<Record<string, boolean>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const wrong: Record<string, boolean> = {};
    const out: { criterion: string; value: number; comment?: string }[] = [];
    for (const c of todo) {
      const raw = (values[c.key] ?? '').trim().replace(',', '.');
      const n = Number(raw);
      if (!raw || !Number.isFinite(n) || n < min || n > max || Math.round(n * 100) !== n * 100) {
        wrong[c.key] = true;
        continue;
      }
      const comment = (comments[c.key] ?? '').trim();
      out.push({ criterion: c.key, value: n, ...(comment ? { comment } : {}) });
    }
    setBad(wrong);
    if (Object.keys(wrong).length) return;
    setBusy(true);
    try {
      await selectionApi.score(applicationId, out);
      setSaved(true);
      onSaved();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{sel.s('review.scores')}</h2>
      {saved && (
        <p className="notice notice-ok" role="status">
          {sel.s('review.saved')}
        </p>
      )}
      {mine.size > 0 && (
        <ul className="list">
          {scores.rubric.criteria
            .filter((c) => mine.has(c.key))
            .map((c) => (
              <li key={c.key} className="list-item">
                <span className="list-main">{sel.pick(c.label)}</span>
                <strong>{sel.num(mine.get(c.key)!.value)}</strong>
              </li>
            ))}
        </ul>
      )}
      {todo.length > 0 && call.state !== 'decided' && (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <SelError error={failure} />
          {todo.map((c) => (
            <div key={c.key} className="row">
              <Field
                label={sel.s('review.score', { criterion: sel.pick(c.label), min, max })}
                error={bad[c.key] ? sel.s('review.outOfScale', { min, max }) : undefined}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name={`score.${c.key}`}
                    type="number"
                    inputMode="decimal"
                    min={min}
                    max={max}
                    step="0.01"
                    required
                    value={values[c.key] ?? ''}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(e) => setValues((v) => ({ ...v, [c.key]: e.target.value }))}
                  />
                )}
              </Field>
              <Field label={sel.s('review.comment', { criterion: sel.pick(c.label) })}>
                {({ id }) => (
                  <input
                    id={id}
                    name={`comment.${c.key}`}
                    maxLength={2000}
                    value={comments[c.key] ?? ''}
                    onChange={(e) => setComments((v) => ({ ...v, [c.key]: e.target.value }))}
                  />
                )}
              </Field>
            </div>
          ))}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {sel.s('review.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** A reviewer who knows the applicant steps aside: their scores stop counting, the application leaves their queue. */
function Conflict({ app }: { app: Application }) {
  const sel = useSel();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [bad, setBad] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const send = async () => {
    if (!reason.trim()) {
      setBad(true);
      return;
    }
    setFailure(undefined);
    try {
      await selectionApi.declareConflict(app.id, reason.trim());
      navigate(`/review/calls/${app.callId}`);
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <section className="card">
      {!open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {sel.s('review.conflict')}
        </button>
      ) : (
        <div className="form">
          <Field label={sel.s('review.conflictReason')} error={bad ? sel.s('r.needReason') : undefined}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                rows={2}
                maxLength={500}
                value={reason}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => {
                  setReason(e.target.value);
                  setBad(false);
                }}
              />
            )}
          </Field>
          <SelError error={failure} />
          <div className="actions">
            <button type="button" className="danger" onClick={() => void send()}>
              {sel.s('review.conflictSend')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {sel.s('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function OthersScores({ call, scores }: { call: Call; scores: Scores }) {
  const sel = useSel();
  const { auth } = useAuth();
  if (!scores.othersVisible) {
    return (
      <section className="card">
        <h2>{sel.s('review.others')}</h2>
        <p>{sel.s('review.othersHidden')}</p>
      </section>
    );
  }
  const reviewers = [...new Set(scores.scores.map((x) => x.reviewerId))];
  const byKey = new Map(scores.scores.map((x) => [`${x.reviewerId}/${x.criterion}`, x]));
  return (
    <section className="card">
      <h2>{sel.s('review.others')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{sel.s('c.reviewers')}</th>
              {call.rubric.criteria.map((c) => (
                <th key={c.key} scope="col">
                  {sel.pick(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reviewers.map((r, i) => (
              <tr key={r}>
                <th scope="row">
                  {r === auth?.user.id ? sel.s('review.me') : sel.s('review.reviewer', { n: i + 1 })}
                </th>
                {call.rubric.criteria.map((c) => (
                  <td key={c.key}>{sel.num(byKey.get(`${r}/${c.key}`)?.value)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
