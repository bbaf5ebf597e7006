/**
 * The organizer's selection console (its own chunk): programs and their calls, a new call, and
 * one call's overview, commission, ranking with overrides, quota preview and commit, and the
 * applications with declined seats and who was promoted. Everything through the selection API.
 */
import { useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { ApiError, download } from '../api/http';
import type { LocalizedText, Program } from '../api/types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Field, Loading, NumberField } from '../components/ui';
import { cleanText, hasText, LocalizedInputs } from '../organizer/forms';
import { Link } from '../lib/router';
import { checkWallTime } from '../lib/time';
import { useAsync } from '../lib/use-async';
import { selectionApi } from './selection-api';
import type { Application, Call, Ranking, RankingEntry, Run } from './selection-types';
import { At, Sel, SelError, StatusChip, useRegionName, useSel } from './selection-ui';
import { SignInFirst } from './applicant.pages';
import { CallBuilder, QuotaDraft, QuotaInputs, WallTimeInput } from './call-builder';

export default function SelectionConsole({ path }: { path: string }) {
  const sel = useSel();
  const { auth } = useAuth();
  if (!auth) return <SignInFirst next={`/selection${path === '/' ? '' : path}`} />;
  if (!isOrganizer(auth.user)) {
    return (
      <p className="notice notice-error" role="alert">
        {sel.s('err.forbidden')}
      </p>
    );
  }
  let m: RegExpExecArray | null;
  if ((m = /^\/programs\/([^/]+)$/.exec(path))) return <ProgramCalls programId={decodeURIComponent(m[1])} />;
  if ((m = /^\/calls\/([^/]+)(?:\/([a-z]+))?$/.exec(path)))
    return <CallConsole callId={decodeURIComponent(m[1])} tab={m[2] ?? 'overview'} />;
  return <SelectionHome />;
}

function SelectionHome() {
  const sel = useSel();
  const programs = useAsync(() => selectionApi.programs(), []);
  return (
    <section className="card">
      <h1>{sel.s('org.title')}</h1>
      <h2>{sel.s('org.programs')}</h2>
      {programs.loading && !programs.data && <Loading />}
      <SelError error={programs.error} onRetry={programs.reload} />
      <ul className="list">
        {programs.data?.items.map((p) => (
          <li key={p.id} className="list-item">
            <Link to={`/selection/programs/${p.id}`}>{sel.pick(p.title)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProgramCalls({ programId }: { programId: string }) {
  const sel = useSel();
  const data = useAsync(async () => {
    const [programs, calls] = await Promise.all([selectionApi.programs(), selectionApi.callsOf(programId)]);
    return { program: programs.items.find((p) => p.id === programId) as Program | undefined, calls };
  }, [programId]);
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <SelError error={data.error} onRetry={data.reload} />;
  const { program, calls } = data.data;
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to="/selection">{sel.s('org.title')}</Link>
        </p>
        <h1>{sel.pick(program?.title)}</h1>
        <h2>{sel.s('org.calls')}</h2>
        {calls.length === 0 && <p>{sel.s('org.noCalls')}</p>}
        <ul className="list">
          {calls.map((c) => (
            <li key={c.id} className="list-item">
              <div className="list-main">
                <Link
                  to={`/selection/calls/${c.id}`}
                  aria-label={sel.s('org.openCall', { title: sel.pick(c.title) })}
                >
                  {sel.pick(c.title)}
                </Link>
                <span className="meta">{sel.plural('seats', c.capacity)}</span>
              </div>
              <span className="chip">{sel.s(`state.${c.state}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <CallBuilder programId={programId} defaultZone={program?.defaultTimeZone ?? 'Asia/Almaty'} />
    </>
  );
}

const TABS = ['overview', 'reviewers', 'ranking', 'selection', 'applications', 'audit'] as const;

function CallConsole({ callId, tab }: { callId: string; tab: string }) {
  const sel = useSel();
  const call = useAsync(() => selectionApi.call(callId), [callId]);
  if (call.loading && !call.data) return <Loading />;
  if (!call.data) return <SelError error={call.error} onRetry={call.reload} />;
  const c = call.data;
  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/selection/programs/${c.programId}`}>{sel.s('org.calls')}</Link>
        </p>
        <h1>{sel.pick(c.title)}</h1>
        <p className="meta">
          <span className="chip">{sel.s(`state.${c.state}`)}</span> · {sel.plural('seats', c.capacity)}
        </p>
        <nav className="tabs" aria-label={sel.s('c.tabs')}>
          {TABS.map((t) => (
            <Link key={t} to={`/selection/calls/${c.id}/${t}`} aria-current={t === tab ? 'page' : undefined}>
              {sel.s(`c.tab.${t}`)}
            </Link>
          ))}
        </nav>
      </section>
      {tab === 'overview' && <Overview call={c} />}
      {tab === 'overview' && c.state !== 'decided' && <EditCall key={c.id} call={c} onSaved={call.reload} />}
      {tab === 'reviewers' && <Reviewers call={c} />}
      {tab === 'ranking' && <RankingTab call={c} />}
      {tab === 'selection' && <SelectionTab call={c} onCommitted={call.reload} />}
      {tab === 'applications' && <ApplicationsTab call={c} />}
      {tab === 'audit' && <AuditTab call={c} />}
    </>
  );
}

function Overview({ call: c }: { call: Call }) {
  const sel = useSel();
  const link = `${window.location.origin}/app/calls/${c.id}`;
  return (
    <section className="card">
      <dl className="facts">
        <div>
          <dt>{sel.s('call.window')}</dt>
          <dd>
            <At time={c.opensAt} zone={c.timeZone} /> — <At time={c.closesAt} zone={c.timeZone} />
          </dd>
        </div>
        <div>
          <dt>{sel.s('c.link')}</dt>
          <dd>
            <a href={link}>{link}</a>
          </dd>
        </div>
        <div>
          <dt>{sel.s('c.reviewerLink')}</dt>
          <dd>
            <a href={`${window.location.origin}/app/review`}>{`${window.location.origin}/app/review`}</a>
          </dd>
        </div>
      </dl>
      <h2>{sel.s('c.formFields')}</h2>
      <ol>
        {c.form.map((f) => (
          <li key={f.key}>
            {sel.pick(f.label)} <span className="meta">({sel.s(`b.type.${f.type}`)})</span>
          </li>
        ))}
      </ol>
      <h2>{sel.s('c.criteria')}</h2>
      <ul>
        {c.rubric.criteria.map((k) => (
          <li key={k.key}>
            {sel.pick(k.label)} · {sel.s('b.weight')} {k.weight} · {c.rubric.scale.min}–{c.rubric.scale.max}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Changing a call until it is decided: title, seats, the window (in the call's zone), reviews
 * needed and the default quotas. The form and the rubric stay as built (the API locks them once
 * someone applied or scored).
 */
function EditCall({ call, onSaved }: { call: Call; onSaved(): void }) {
  const sel = useSel();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState<LocalizedText>(call.title);
  const [capacity, setCapacity] = useState(String(call.capacity));
  const [opens, setOpens] = useState(call.opensAt.ofRecord.local.slice(0, 16));
  const [closes, setCloses] = useState(call.closesAt.ofRecord.local.slice(0, 16));
  const [minReviews, setMinReviews] = useState(String(call.minReviews));
  const [q, setQ] = useState<QuotaDraft>({
    nominatedSeats: String(call.quotas.nominatedSeats),
    regionMin: String(call.quotas.regionMin),
    regionMax: call.quotas.regionMax === null ? '' : String(call.quotas.regionMax),
  });
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const zone = call.timeZone;
  const problems = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!hasText(title)) e.title = sel.s('b.needTitle');
    if (!/^\d+$/.test(capacity) || Number(capacity) < 1) e.capacity = sel.s('b.positive');
    if (!/^\d+$/.test(minReviews) || Number(minReviews) < 1) e.minReviews = sel.s('b.positive');
    const a = checkWallTime(opens, zone);
    const b = checkWallTime(closes, zone);
    if (!a.ok) e.opens = sel.s(`b.wall.${a.reason}`, { zone });
    if (!b.ok) e.closes = sel.s(`b.wall.${b.reason}`, { zone });
    if (a.ok && b.ok && b.utc <= a.utc) e.closes = sel.s('b.wall.order');
    return e;
  };
  const errors = tried ? problems() : {};
  const save = async () => {
    setTried(true);
    setSaved(false);
    if (Object.keys(problems()).length) return;
    setFailure(undefined);
    try {
      await selectionApi.updateCall(call.id, {
        title: cleanText(title),
        capacity: Number(capacity),
        timeZone: zone,
        opens,
        closes,
        minReviews: Number(minReviews),
        quotas: {
          nominatedSeats: Number(q.nominatedSeats) || 0,
          regionMin: Number(q.regionMin) || 0,
          regionMax: q.regionMax.trim() === '' ? null : Number(q.regionMax),
        },
      });
      setSaved(true);
      setOpen(false);
      onSaved();
    } catch (e) {
      setFailure(e);
    }
  };
  if (!open) {
    return (
      <section className="card">
        {saved && (
          <p className="notice notice-ok" role="status">
            {sel.s('edit.saved')}
          </p>
        )}
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {sel.s('edit.title')}
        </button>
      </section>
    );
  }
  return (
    <form
      className="card form"
      aria-labelledby="edit-call-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="edit-call-h">{sel.s('edit.title')}</h2>
      <LocalizedInputs
        label={sel.s('b.title')}
        name="title"
        value={title}
        onChange={setTitle}
        error={errors.title}
      />
      <NumberField
        label={sel.s('b.capacity')}
        name="capacity"
        value={capacity}
        onChange={setCapacity}
        min={1}
        error={errors.capacity}
      />
      <div className="row">
        <WallTimeInput
          name="opens"
          label={`${sel.s('b.opens')} · ${zone}`}
          value={opens}
          onChange={setOpens}
          error={errors.opens}
        />
        <WallTimeInput
          name="closes"
          label={`${sel.s('b.closes')} · ${zone}`}
          value={closes}
          onChange={setCloses}
          error={errors.closes}
        />
      </div>
      <NumberField
        label={sel.s('b.minReviews')}
        name="minReviews"
        value={minReviews}
        onChange={setMinReviews}
        min={1}
        max={50}
        error={errors.minReviews}
      />
      <QuotaInputs {...q} onChange={setQ} />
      <SelError error={failure} />
      <div className="actions">
        <button type="submit">{sel.s('edit.save')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {sel.s('cancel')}
        </button>
      </div>
    </form>
  );
}

const ACTIONS = new Set<string>([
  'call.created',
  'call.updated',
  'reviewer.added',
  'reviewer.removed',
  'assignment.added',
  'application.submitted',
  'application.nominated',
  'application.withdrawn',
  'interview.scheduled',
  'conflict.declared',
  'score.submitted',
  'override.set',
  'override.cleared',
  'run.previewed',
  'run.committed',
  'decision',
  'enrollment.completed',
  'enrollment.failed',
]);

const OUTCOME_REASONS = new Set([
  'forced',
  'rank',
  'nominated_quota',
  'region_quota',
  'waitlist',
  'override',
  'insufficient_reviews',
]);
const DECISIONS = new Set(['selected', 'waitlisted', 'rejected']);

/**
 * An audit entry in the reader's language: decisions carry the run's reason codes (and
 * "override: <the organizer's words>"), other entries the words a person typed.
 */
function auditText(
  sel: Sel,
  action: string,
  details: Record<string, unknown>,
): { title: string; reason: string | null } {
  const raw = typeof details.reason === 'string' ? details.reason : null;
  const title = ACTIONS.has(action) ? sel.s(`act.${action}` as Parameters<Sel['s']>[0]) : action;
  if (action !== 'decision') return { title, reason: raw };
  const d = typeof details.decision === 'string' && DECISIONS.has(details.decision) ? details.decision : null;
  const full = d ? `${title}: ${sel.s(`p.decision.${d as 'selected'}`)}` : title;
  if (!raw) return { title: full, reason: null };
  if (raw.startsWith('override: '))
    return { title: full, reason: `${sel.s('p.reason.override')}: ${raw.slice('override: '.length)}` };
  if (raw === 'waitlist_promotion') return { title: full, reason: sel.s('audit.promoted') };
  if (OUTCOME_REASONS.has(raw)) return { title: full, reason: sel.s(`p.reason.${raw as 'rank'}`) };
  return { title: full, reason: null };
}

/** Every score, override and decision with who and when (names from the commission and the applications). */
function AuditTab({ call }: { call: Call }) {
  const sel = useSel();
  const { auth } = useAuth();
  const data = useAsync(async () => {
    const [audit, reviewers, apps] = await Promise.all([
      selectionApi.audit(call.id),
      selectionApi.reviewers(call.id),
      selectionApi.applications(call.id),
    ]);
    return { audit, reviewers, apps };
  }, [call.id]);
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <SelError error={data.error} onRetry={data.reload} />;
  const people = new Map<string, string>();
  for (const a of data.data.apps.items) people.set(a.userId, a.applicant?.displayName ?? a.userId);
  for (const r of data.data.reviewers) people.set(r.userId, r.displayName);
  if (auth) people.set(auth.user.id, auth.user.displayName);
  const appNames = new Map(data.data.apps.items.map((a) => [a.id, a.applicant?.displayName ?? a.id]));
  const items = data.data.audit.items;
  return (
    <section className="card">
      <h2>{sel.s('c.tab.audit')}</h2>
      {items.length === 0 && <p>{sel.s('audit.none')}</p>}
      <ol className="list" aria-label={sel.s('c.tab.audit')}>
        {items.map((e) => {
          const { title, reason } = auditText(sel, e.action, e.details);
          return (
            <li key={e.id} className="list-item">
              <div className="list-main">
                <strong>{title}</strong>
                <span className="meta">
                  <At time={e.at} zone={call.timeZone} /> ·{' '}
                  {e.actorId === null
                    ? sel.s('audit.system')
                    : (people.get(e.actorId) ?? sel.s('audit.organizer'))}
                  {e.applicationId && ` · ${appNames.get(e.applicationId) ?? ''}`}
                </span>
                {reason && <span className="meta">{sel.s('audit.reason', { reason })}</span>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Reviewers({ call }: { call: Call }) {
  const sel = useSel();
  const list = useAsync(() => selectionApi.reviewers(call.id), [call.id]);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ id: string; displayName: string; email: string }[]>();
  const [failure, setFailure] = useState<unknown>();
  const act = async (fn: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await fn();
      list.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  const search = async () => {
    setFailure(undefined);
    try {
      setFound((await selectionApi.findUsers(q.trim())).items);
    } catch (e) {
      setFailure(e);
    }
  };
  const named = new Set(list.data?.map((r) => r.userId));
  return (
    <section className="card">
      <h2>{sel.s('c.reviewers')}</h2>
      <SelError error={list.error ?? failure} />
      {list.data?.length === 0 && <p>{sel.s('c.noReviewers')}</p>}
      <ul className="list" aria-label={sel.s('c.reviewers')}>
        {list.data?.map((r) => (
          <li key={r.userId} className="list-item">
            <div className="list-main">
              <strong>{r.displayName}</strong>
              <span className="meta">
                {r.email} · {sel.plural('reviews', r.completeReviews)}
              </span>
            </div>
            {call.state !== 'decided' && (
              <button
                type="button"
                className="link"
                onClick={() => void act(() => selectionApi.removeReviewer(call.id, r.userId))}
              >
                {sel.s('c.removeReviewer', { name: r.displayName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {call.state !== 'decided' && (
        <form
          className="form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <Field label={sel.s('c.findUser')}>
            {({ id }) => (
              <input id={id} name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="secondary">
              {sel.s('c.search')}
            </button>
          </div>
          {found?.length === 0 && <p>{sel.s('c.noUsers')}</p>}
          <ul className="list">
            {found
              ?.filter((u) => !named.has(u.id))
              .map((u) => (
                <li key={u.id} className="list-item">
                  <span className="list-main">
                    {u.displayName} <span className="meta">{u.email}</span>
                  </span>
                  <button
                    type="button"
                    onClick={() => void act(() => selectionApi.addReviewer(call.id, u.id))}
                  >
                    {sel.s('c.addReviewer', { name: u.displayName })}
                  </button>
                </li>
              ))}
          </ul>
        </form>
      )}
    </section>
  );
}

function RankingTab({ call }: { call: Call }) {
  const sel = useSel();
  const ranking = useAsync(() => selectionApi.ranking(call.id), [call.id]);
  const regionName = useRegionName();
  const [editing, setEditing] = useState<string>();
  if (ranking.loading && !ranking.data) return <Loading />;
  if (!ranking.data) return <SelError error={ranking.error} onRetry={ranking.reload} />;
  const tie = call.rubric.criteria.find((c) => c.key === ranking.data!.tieBreakCriterion);
  return (
    <section className="card">
      <h2>{sel.s('c.tab.ranking')}</h2>
      <p className="hint">{sel.s('r.order', { criterion: sel.pick(tie?.label) })}</p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => void download(`/calls/${call.id}/ranking.csv`, `ranking-${call.id.slice(0, 8)}.csv`)}
        >
          {sel.s('r.csv')}
        </button>
      </p>
      {ranking.data.entries.length === 0 && <p>{sel.s('r.empty')}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{sel.s('r.rank')}</th>
              <th scope="col">{sel.s('r.applicant')}</th>
              <th scope="col">{sel.s('r.region')}</th>
              <th scope="col">{sel.s('r.score')}</th>
              <th scope="col">{sel.s('r.reviews')}</th>
              <th scope="col">{sel.s('r.status')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.data.entries.map((e) => (
              <RankingRow
                key={e.applicationId}
                entry={e}
                call={call}
                region={regionName(e.regionId, e.regionCode)}
                editing={editing === e.applicationId}
                onEdit={(on) => setEditing(on ? e.applicationId : undefined)}
                onChanged={() => {
                  setEditing(undefined);
                  ranking.reload();
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RankingRow({
  entry: e,
  call,
  region,
  editing,
  onEdit,
  onChanged,
}: {
  entry: RankingEntry;
  call: Call;
  region: string;
  editing: boolean;
  onEdit(on: boolean): void;
  onChanged(): void;
}) {
  const sel = useSel();
  const [decision, setDecision] = useState<'select' | 'reject'>('select');
  const [reason, setReason] = useState('');
  const [bad, setBad] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const name = e.applicant.displayName;
  const save = async () => {
    if (!reason.trim()) {
      setBad(true);
      return;
    }
    setFailure(undefined);
    try {
      await selectionApi.override(e.applicationId, decision, reason.trim());
      onChanged();
    } catch (err) {
      setFailure(err);
    }
  };
  const clear = async () => {
    setFailure(undefined);
    try {
      await selectionApi.clearOverride(e.applicationId, reason.trim() || undefined);
      onChanged();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <>
      <tr data-application={e.applicationId}>
        <td>{e.rank ?? sel.s('r.notRanked')}</td>
        <th scope="row">
          {name}
          {e.nominated && <span className="chip">{sel.s('r.nominated')}</span>}
        </th>
        <td>{region}</td>
        <td>{sel.num(e.score)}</td>
        <td>
          {e.completeReviews}
          {e.flags.map((f) => (
            <span key={f} className="chip chip-pending">
              {sel.s(`r.flag.${f}`)}
            </span>
          ))}
        </td>
        <td>
          <StatusChip status={e.status} />
          {e.override && (
            <span className="meta">
              {' '}
              {sel.s(`r.overridden.${e.override.decision}`, { reason: e.override.reason })}
            </span>
          )}
          {call.state !== 'decided' && !editing && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => onEdit(true)}>
                {sel.s('r.override', { name })}
              </button>
            </>
          )}
          {call.state !== 'decided' && e.override && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void clear()}>
                {sel.s('r.clear', { name })}
              </button>
            </>
          )}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6}>
            <fieldset className="form">
              <legend>{sel.s('r.override', { name })}</legend>
              {(['select', 'reject'] as const).map((d) => (
                <label key={d} className="check">
                  <input
                    type="radio"
                    name={`decision-${e.applicationId}`}
                    value={d}
                    checked={decision === d}
                    onChange={() => setDecision(d)}
                  />{' '}
                  {sel.s(d === 'select' ? 'r.select' : 'r.reject')}
                </label>
              ))}
              <Field label={sel.s('r.reason')} error={bad ? sel.s('r.needReason') : undefined}>
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    rows={2}
                    maxLength={500}
                    value={reason}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(ev) => {
                      setReason(ev.target.value);
                      setBad(false);
                    }}
                  />
                )}
              </Field>
              <SelError error={failure} />
              <div className="actions">
                <button type="button" onClick={() => void save()}>
                  {sel.s('r.save')}
                </button>
                <button type="button" className="secondary" onClick={() => onEdit(false)}>
                  {sel.s('cancel')}
                </button>
              </div>
            </fieldset>
          </td>
        </tr>
      )}
    </>
  );
}

function SelectionTab({ call, onCommitted }: { call: Call; onCommitted(): void }) {
  const sel = useSel();
  const regionName = useRegionName();
  const ranking = useAsync(() => selectionApi.ranking(call.id), [call.id]);
  const [q, setQ] = useState<QuotaDraft>({
    nominatedSeats: String(call.quotas.nominatedSeats),
    regionMin: String(call.quotas.regionMin),
    regionMax: call.quotas.regionMax === null ? '' : String(call.quotas.regionMax),
  });
  const [run, setRun] = useState<Run>();
  const [confirming, setConfirming] = useState(false);
  const [committed, setCommitted] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const byId = new Map((ranking.data as Ranking | undefined)?.entries.map((e) => [e.applicationId, e]));

  const preview = async () => {
    setFailure(undefined);
    setConfirming(false);
    setBusy(true);
    try {
      setRun(
        await selectionApi.preview(call.id, {
          nominatedSeats: Number(q.nominatedSeats) || 0,
          regionMin: Number(q.regionMin) || 0,
          regionMax: q.regionMax.trim() === '' ? null : Number(q.regionMax),
        }),
      );
      ranking.reload();
    } catch (e) {
      setRun(undefined);
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!run) return;
    setFailure(undefined);
    setBusy(true);
    try {
      setRun((await selectionApi.commit(run.id)).run);
      setCommitted(true);
      onCommitted();
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError && e.code === 'run_stale') setRun(undefined);
    } finally {
      // Answered either way: the dialog closes so the outcome (or the failure) shows on the page.
      setConfirming(false);
      setBusy(false);
    }
  };

  if (call.state === 'decided' && !committed) {
    return (
      <section className="card">
        <p className="notice notice-ok">{sel.s('p.decided')}</p>
        <Link to={`/selection/calls/${call.id}/applications`}>{sel.s('c.tab.applications')}</Link>
      </section>
    );
  }
  return (
    <section className="card">
      <h2>{sel.s('p.title')}</h2>
      <p className="hint">{sel.s('p.hint')}</p>
      {!committed && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void preview();
          }}
        >
          <QuotaInputs {...q} onChange={setQ} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {sel.s('p.preview')}
            </button>
          </div>
        </form>
      )}
      <SelError error={failure} />
      {committed && (
        <p className="notice notice-ok" role="status">
          {sel.s('p.committed')}
        </p>
      )}
      {run && (
        <div className="run" aria-live="polite">
          <p role="status">
            <strong>
              {sel.s('p.summary', {
                capacity: run.summary.capacity,
                selected: run.summary.selected,
                waitlisted: run.summary.waitlisted,
                rejected: run.summary.rejected,
              })}
            </strong>
          </p>
          <p>{sel.s('p.nominated', { n: run.summary.nominatedSelected })}</p>
          {Object.keys(run.summary.selectedByRegion).length > 0 && (
            <p>
              {sel.s('p.byRegion')}:{' '}
              {Object.entries(run.summary.selectedByRegion)
                .map(([id, n]) => `${regionName(Number(id), id)}: ${n}`)
                .join(' · ')}
            </p>
          )}
          {run.summary.warnings.length > 0 && (
            <div className="notice notice-warn">
              <p>{sel.s('p.warnings')}</p>
              <ul>
                {run.summary.warnings.map((w) => (
                  <li key={w}>{warningText(sel, w, regionName)}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{sel.s('r.rank')}</th>
                  <th scope="col">{sel.s('r.applicant')}</th>
                  <th scope="col">{sel.s('r.region')}</th>
                  <th scope="col">{sel.s('r.status')}</th>
                </tr>
              </thead>
              <tbody>
                {run.outcomes.map((o) => {
                  const e = byId.get(o.applicationId);
                  return (
                    <tr key={o.applicationId} data-outcome={o.decision}>
                      <td>{o.rank ?? '—'}</td>
                      <th scope="row">{e?.applicant.displayName ?? o.applicationId.slice(0, 8)}</th>
                      <td>{e ? regionName(e.regionId, e.regionCode) : ''}</td>
                      <td>
                        {sel.s(`p.decision.${o.decision}`)}
                        {o.waitlistRank !== null && ` ${sel.s('p.waitPlace', { n: o.waitlistRank })}`}
                        <span className="meta"> · {sel.s(`p.reason.${o.reason}`)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {!committed && (
            <div className="actions">
              <button type="button" onClick={() => setConfirming(true)}>
                {sel.s('p.commit')}
              </button>
            </div>
          )}
          <ConfirmDialog
            open={confirming}
            question={sel.s('p.confirm')}
            confirmLabel={sel.s('p.confirmYes')}
            cancelLabel={sel.s('cancel')}
            busy={busy}
            onConfirm={() => void commit()}
            onCancel={() => setConfirming(false)}
          />
        </div>
      )}
    </section>
  );
}

/**
 * The run's warnings come as English sentences of three fixed shapes (quota-selection.policy.ts):
 * read back into their numbers and said in the reader's language.
 */
function warningText(sel: Sel, w: string, regionName: (id: number, code: string | null) => string): string {
  let m: RegExpExecArray | null;
  if ((m = /^region (\d+): (\d+) forced selections exceed its maximum of (\d+)/.exec(w)))
    return sel.s('w.forcedOverMax', { region: regionName(Number(m[1]), null), n: m[2], max: m[3] });
  if ((m = /^region (\d+): minimum (\d+) seats, but only (\d+) ranked/.exec(w)))
    return sel.s('w.fewApplicants', { region: regionName(Number(m[1]), null), min: m[2], n: m[3] });
  if ((m = /^only (\d+) nominated applicants can be selected for the (\d+) reserved/.exec(w)))
    return sel.s('w.fewNominated', { n: m[1], seats: m[2] });
  return sel.s('w.other');
}

/** An online interview with the applicant (a session they are registered for), in the call's zone. */
function Interview({
  app,
  name,
  call,
  onChanged,
}: {
  app: Application;
  name: string;
  call: Call;
  onChanged(): void;
}) {
  const sel = useSel();
  const [open, setOpen] = useState(false);
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [joinUrl, setJoinUrl] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const wall = checkWallTime(start, call.timeZone);
  const urlOk = /^https?:\/\/\S+$/.test(joinUrl.trim());
  const startError = tried && !wall.ok ? sel.s(`b.wall.${wall.reason}`, { zone: call.timeZone }) : undefined;
  const save = async () => {
    setTried(true);
    if (!wall.ok || !urlOk) return;
    setFailure(undefined);
    try {
      await selectionApi.interview(app.id, {
        start,
        timeZone: call.timeZone,
        durationMinutes: Number(minutes) || 30,
        joinUrl: joinUrl.trim(),
      });
      setOpen(false);
      onChanged();
    } catch (e) {
      setFailure(e);
    }
  };
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {sel.s('i.schedule', { name })}
      </button>
    );
  }
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <WallTimeInput
        name={`interview-${app.id}`}
        label={`${sel.s('i.start')} · ${call.timeZone}`}
        value={start}
        onChange={setStart}
        error={startError}
      />
      <Field label={sel.s('i.duration')}>
        {({ id }) => (
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={5}
            max={480}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        )}
      </Field>
      <Field label={sel.s('i.joinUrl')} error={tried && !urlOk ? sel.s('v.url') : undefined}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={joinUrl}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setJoinUrl(e.target.value)}
          />
        )}
      </Field>
      <SelError error={failure} />
      <div className="actions">
        <button type="submit">{sel.s('i.save')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {sel.s('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Marks an application nominated by a body (the youth wing's 20 of DOMAIN.md), or clears it. */
function Nomination({ app, name, onChanged }: { app: Application; name: string; onChanged(): void }) {
  const sel = useSel();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const act = async (fn: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await fn();
      setOpen(false);
      onChanged();
    } catch (e) {
      setFailure(e);
    }
  };
  if (app.nominated) {
    return (
      <button type="button" className="link" onClick={() => void act(() => selectionApi.unnominate(app.id))}>
        {sel.s('n.clear', { name })}
      </button>
    );
  }
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {sel.s('n.mark', { name })}
      </button>
    );
  }
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) void act(() => selectionApi.nominate(app.id, body.trim()));
      }}
    >
      <Field label={sel.s('n.body')}>
        {({ id }) => (
          <input id={id} required maxLength={300} value={body} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <SelError error={failure} />
      <div className="actions">
        <button type="submit">{sel.s('n.save')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {sel.s('cancel')}
        </button>
      </div>
    </form>
  );
}

function ApplicationsTab({ call }: { call: Call }) {
  const sel = useSel();
  const regionName = useRegionName();
  const apps = useAsync(() => selectionApi.applications(call.id), [call.id]);
  const [declining, setDeclining] = useState<string>();
  const [reason, setReason] = useState('');
  const [promoted, setPromoted] = useState<string[]>();
  const [failure, setFailure] = useState<unknown>();
  const names = new Map(apps.data?.items.map((a) => [a.id, a.applicant?.displayName ?? a.id]));

  const decline = async (a: Application) => {
    setFailure(undefined);
    try {
      const r = await selectionApi.decline(a.id, reason.trim() || undefined);
      setPromoted(r.promotedApplicationIds);
      setDeclining(undefined);
      setReason('');
      apps.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  if (apps.loading && !apps.data) return <Loading />;
  if (!apps.data) return <SelError error={apps.error} onRetry={apps.reload} />;
  const order = (a: Application) =>
    ({
      selected: 0,
      waitlisted: 1,
      interview_scheduled: 2,
      under_review: 3,
      submitted: 4,
      rejected: 5,
      withdrawn: 6,
    })[a.status] *
      100000 +
    (a.waitlistRank ?? 0);
  return (
    <section className="card">
      <h2>{sel.s('a.title')}</h2>
      {promoted && promoted.length > 0 && (
        <p className="notice notice-ok" role="status">
          {sel.s('a.promoted', { names: promoted.map((id) => names.get(id) ?? id).join(', ') })}
        </p>
      )}
      <SelError error={failure} />
      {apps.data.items.length === 0 && <p>{sel.s('a.none')}</p>}
      <ul className="list" aria-label={sel.s('a.title')}>
        {[...apps.data.items]
          .sort((a, b) => order(a) - order(b))
          .map((a) => {
            const name = a.applicant?.displayName ?? a.id;
            return (
              <li key={a.id} className="list-item" data-application={a.id}>
                <div className="list-main">
                  <strong>{name}</strong>
                  <span className="meta">
                    {regionName(a.regionId, a.regionCode)} · <At time={a.submittedAt} zone={call.timeZone} />
                    {a.status === 'waitlisted' &&
                      a.waitlistRank !== null &&
                      ` · ${sel.s('p.waitPlace', { n: a.waitlistRank })}`}
                  </span>
                  {declining === a.id && (
                    <div className="form">
                      <Field label={sel.s('a.declineReason')}>
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
                        <button type="button" className="danger" onClick={() => void decline(a)}>
                          {sel.s('a.declineYes')}
                        </button>
                        <button type="button" className="secondary" onClick={() => setDeclining(undefined)}>
                          {sel.s('cancel')}
                        </button>
                      </div>
                    </div>
                  )}
                </div>
                <div className="list-actions">
                  <StatusChip status={a.status} />
                  {call.state !== 'decided' &&
                    (a.status === 'submitted' || a.status === 'under_review') &&
                    !a.interviewSessionId && (
                      <Interview app={a} name={name} call={call} onChanged={apps.reload} />
                    )}
                  {a.interviewSessionId && <Link to={`/s/${a.interviewSessionId}`}>{sel.s('i.page')}</Link>}
                  {a.nominated && (
                    <span className="chip">{sel.s('n.by', { body: a.nominatedBy ?? '' })}</span>
                  )}
                  {call.state !== 'decided' && a.status !== 'withdrawn' && (
                    <Nomination app={a} name={name} onChanged={apps.reload} />
                  )}
                  {a.status === 'selected' && declining !== a.id && (
                    <button type="button" className="link" onClick={() => setDeclining(a.id)}>
                      {sel.s('a.declineFor', { name })}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
      </ul>
    </section>
  );
}
