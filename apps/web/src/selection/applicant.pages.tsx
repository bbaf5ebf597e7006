/**
 * The applicant's side: the open calls, a call's page with its form (checked here the way the
 * API checks it, so mistakes are named before sending), and "my applications" with the status
 * of each and the way to decline a seat.
 */
import { FormEvent, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { ApiError } from '../api/http';
import { Field, Loading, useViewerZone } from '../components/ui';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { answerError, AnswerProblem, serverAnswerProblems, toAnswer } from './answers';
import { selectionApi } from './selection-api';
import type { Application, Call, FormField } from './selection-types';
import { At, atText, focusFirstProblem, SelError, StatusChip, useSel } from './selection-ui';

export function SignInFirst({ next }: { next: string }) {
  const sel = useSel();
  return (
    <section className="card narrow">
      <p>{sel.s('signInFirst')}</p>
      <Link to={`/signin?next=${encodeURIComponent(next)}`}>{sel.s('signIn')}</Link>
    </section>
  );
}

/** Open calls (and those about to open) of every program the reader can see. */
export function CallsPage() {
  const sel = useSel();
  const calls = useAsync(async () => {
    const programs = await selectionApi.programs();
    const lists = await Promise.all(
      programs.items
        .filter((p) => p.status === 'published')
        .map((p) => selectionApi.callsOf(p.id).catch(() => [] as Call[])),
    );
    return lists.flat().filter((c) => c.state === 'open' || c.state === 'not_open');
  }, []);
  return (
    <section className="card">
      <h1>{sel.s('calls.title')}</h1>
      {calls.loading && !calls.data && <Loading />}
      <SelError error={calls.error} onRetry={calls.reload} />
      {calls.data?.length === 0 && <p>{sel.s('calls.none')}</p>}
      <ul className="list">
        {calls.data?.map((c) => (
          <li key={c.id} className="list-item">
            <div className="list-main">
              <Link to={`/calls/${c.id}`}>
                <strong>{sel.pick(c.title)}</strong>
              </Link>
              <span className="meta">
                <CallWindow call={c} /> · {sel.plural('seats', c.capacity)}
              </span>
            </div>
            <span className="chip">{sel.s(`state.${c.state}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CallWindow({ call }: { call: Call }) {
  const sel = useSel();
  const viewer = useViewerZone();
  return (
    <span>
      {sel.s('window', {
        from: atText(call.opensAt.utc, viewer, sel.lang),
        to: atText(call.closesAt.utc, viewer, sel.lang),
      })}
      {call.timeZone !== viewer ? ` · ${call.timeZone}` : ''}
    </span>
  );
}

/** A call's page: what it is, its window, and its form while it is open. */
export function ApplyPage({ callId }: { callId: string }) {
  const sel = useSel();
  const call = useAsync(() => selectionApi.call(callId), [callId]);
  const mine = useAsync(() => selectionApi.myApplications(), [callId]);
  const [sent, setSent] = useState<Application>();
  if (call.loading && !call.data) return <Loading />;
  if (!call.data) return <SelError error={call.error} onRetry={call.reload} />;
  const c = call.data;
  const existing = sent ?? mine.data?.find((a) => a.callId === c.id);
  return (
    <>
      <section className="card">
        <h1>{sel.pick(c.title)}</h1>
        {sel.pick(c.description) && <p className="preview">{sel.pick(c.description)}</p>}
        <dl className="facts">
          <div>
            <dt>{sel.s('call.seats')}</dt>
            <dd>
              <span className="chip">{sel.s(`state.${c.state}`)}</span> · {sel.plural('seats', c.capacity)}
              {(c.minAge !== null || c.maxAge !== null) &&
                ` · ${sel.s('age', { min: c.minAge ?? '…', max: c.maxAge ?? '…' })}`}
            </dd>
          </div>
          <div>
            <dt>{sel.s('call.window')}</dt>
            <dd>
              <At time={c.opensAt} zone={c.timeZone} /> — <At time={c.closesAt} zone={c.timeZone} />
            </dd>
          </div>
        </dl>
      </section>
      {existing ? (
        <section className="notice notice-ok" role="status">
          <p>{sent ? sel.s('apply.sent') : sel.s('apply.already')}</p>
          <p>
            <StatusChip status={existing.status} /> <Link to="/my-applications">{sel.s('nav.mine')}</Link>
          </p>
        </section>
      ) : c.state === 'open' ? (
        <ApplyForm call={c} onSent={setSent} />
      ) : c.state === 'not_open' ? (
        <p className="notice">
          {sel.s('apply.notOpen', { when: atText(c.opensAt.utc, c.opensAt.reader.zone, sel.lang) })}
        </p>
      ) : (
        <p className="notice">{sel.s('apply.closed')}</p>
      )}
    </>
  );
}

function ApplyForm({ call, onSent }: { call: Call; onSent(a: Application): void }) {
  const sel = useSel();
  const [birthDate, setBirthDate] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, AnswerProblem>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const found: Record<string, AnswerProblem> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) found.birthDate = { kind: 'date' };
    const answers: Record<string, unknown> = {};
    for (const f of call.form) {
      const r = toAnswer(f, values[f.key] ?? '');
      if (r.problem) found[f.key] = r.problem;
      else if (r.value !== undefined) answers[f.key] = r.value;
    }
    setProblems(found);
    const form = e.currentTarget as HTMLFormElement;
    if (Object.keys(found).length) {
      setFailure(new ApiError(400, 'invalid_answers', 'checked in the browser'));
      focusFirstProblem(form);
      return;
    }
    setBusy(true);
    try {
      onSent(await selectionApi.apply(call.id, { birthDate, answers }));
    } catch (err) {
      setFailure(err);
      if (err instanceof ApiError && err.code === 'invalid_answers') {
        setProblems(serverAnswerProblems(err));
        focusFirstProblem(form);
      }
    } finally {
      setBusy(false);
    }
  };

  const msg = (key: string, f?: FormField) =>
    problems[key] ? answerError(sel, problems[key], f) : undefined;
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{sel.s('apply.title')}</h2>
      <SelError error={failure} />
      <Field label={sel.s('apply.birthDate')} error={msg('birthDate')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="birthDate"
            type="date"
            required
            value={birthDate}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setBirthDate(e.target.value)}
          />
        )}
      </Field>
      {call.form.map((f) => (
        <AnswerInput
          key={f.key}
          field={f}
          value={values[f.key] ?? ''}
          error={msg(f.key, f)}
          onChange={(v) => setValues((prev) => ({ ...prev, [f.key]: v }))}
        />
      ))}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {sel.s('apply.submit')}
        </button>
      </div>
    </form>
  );
}

function AnswerInput({
  field: f,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error?: string;
  onChange(v: string): void;
}) {
  const sel = useSel();
  const label = `${sel.pick(f.label)}${f.required ? ` (${sel.s('apply.required')})` : ''}`;
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => {
        const common = {
          id,
          name: f.key,
          required: f.required,
          'aria-describedby': describedBy,
          'aria-invalid': invalid,
        };
        switch (f.type) {
          case 'choice':
            return (
              <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="">{sel.s('apply.choose')}</option>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {sel.pick(o.label)}
                  </option>
                ))}
              </select>
            );
          case 'number':
            return (
              <input
                {...common}
                type="number"
                inputMode={f.integer ? 'numeric' : 'decimal'}
                min={f.min}
                max={f.max}
                step={f.integer ? 1 : 'any'}
                value={value}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          case 'file_link':
            return (
              <input
                {...common}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={value}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          default:
            return (f.maxLength ?? 2000) > 200 ? (
              <textarea
                {...common}
                rows={5}
                maxLength={f.maxLength}
                value={value}
                onChange={(e) => onChange(e.target.value)}
              />
            ) : (
              <input
                {...common}
                maxLength={f.maxLength}
                value={value}
                onChange={(e) => onChange(e.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}

/** My applications: status, place on the waitlist, and declining a seat once selected. */
export function MyApplicationsPage() {
  const sel = useSel();
  const { auth } = useAuth();
  const mine = useAsync(() => selectionApi.myApplications(), [auth?.user.id]);
  return (
    <section className="card">
      <h1>{sel.s('mine.title')}</h1>
      {mine.loading && !mine.data && <Loading />}
      <SelError error={mine.error} onRetry={mine.reload} />
      {mine.data?.length === 0 && (
        <p>
          {sel.s('mine.none')} <Link to="/calls">{sel.s('nav.calls')}</Link>
        </p>
      )}
      <ul className="list">
        {mine.data?.map((a) => (
          <MyApplication key={a.id} app={a} onChanged={mine.reload} />
        ))}
      </ul>
    </section>
  );
}

/** Before the decision an applicant may leave the competition (the waitlisted too). */
const OPEN: readonly string[] = ['submitted', 'under_review', 'interview_scheduled', 'waitlisted'];

function MyApplication({ app: a, onChanged }: { app: Application; onChanged(): void }) {
  const sel = useSel();
  /** Which irreversible step waits for its confirmation. */
  const [asking, setAsking] = useState<'decline' | 'withdraw' | false>(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState(false);
  const decline = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      if (asking === 'withdraw') await selectionApi.withdraw(a.id, reason.trim() || undefined);
      else {
        await selectionApi.decline(a.id, reason.trim() || undefined);
        setDeclined(true);
      }
      setAsking(false);
      onChanged();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="list-item" data-application={a.id}>
      <div className="list-main">
        <Link to={`/calls/${a.callId}`}>
          <strong>{a.callTitle}</strong>
        </Link>
        <span className="meta">
          {sel.s('mine.sent', { when: '' })}
          <At time={a.submittedAt} zone={a.submittedAt.ofRecord.zone} />
        </span>
        {a.status === 'waitlisted' && a.waitlistRank !== null && (
          <span className="meta">{sel.s('mine.waitlist', { n: a.waitlistRank })}</span>
        )}
        {a.enrolled && <span className="meta">{sel.s('mine.enrolled')}</span>}
        {a.interviewSessionId && <Link to={`/s/${a.interviewSessionId}`}>{sel.s('i.page')}</Link>}
        {declined && (
          <p className="notice notice-ok" role="status">
            {sel.s('mine.declined')}
          </p>
        )}
        <SelError error={failure} />
        {asking && (
          <div className="form">
            <p className="notice notice-warn">
              {sel.s(asking === 'withdraw' ? 'mine.withdrawWarn' : 'mine.declineWarn')}
            </p>
            <Field label={sel.s('mine.declineReason')}>
              {({ id }) => (
                <textarea
                  id={id}
                  rows={2}
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
            <div className="actions">
              <button type="button" className="danger" disabled={busy} onClick={() => void decline()}>
                {sel.s(asking === 'withdraw' ? 'mine.withdrawConfirm' : 'mine.declineConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setAsking(false)}>
                {sel.s('cancel')}
              </button>
            </div>
          </div>
        )}
      </div>
      <div className="list-actions">
        <StatusChip status={a.status} />
        {a.status === 'selected' && !asking && (
          <button type="button" className="secondary" onClick={() => setAsking('decline')}>
            {sel.s('mine.decline')}
          </button>
        )}
        {OPEN.includes(a.status) && !asking && (
          <button type="button" className="link" onClick={() => setAsking('withdraw')}>
            {sel.s('mine.withdraw')}
          </button>
        )}
      </div>
    </li>
  );
}
