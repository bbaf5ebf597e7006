/**
 * Who did not come, by name: per region expected, on the list, registered and present; the
 * invited who never registered and the registered who were absent, with their CSV; and (sessions
 * that are over) the follow-up message to them, after a confirmation.
 */
import { FormEvent, useId, useState } from 'react';
import { Loading } from '../components/ui';
import { useAsync } from '../lib/use-async';
import { regionName, STATUS_KEY, useMyRegions } from './expected-list.tab';
import type { ScopeInfo } from './lists.api';
import { absentees, Absentees, AbsentPerson, downloadAbsentees, followUp } from './lists.api';
import { ConfirmDialog, ListsError, useListsText } from './lists-ui';

export function AbsenteesTab({ info }: { info: ScopeInfo }) {
  const { lt, lang, num } = useListsText();
  const { regions } = useMyRegions();
  const report = useAsync(() => absentees(info.scope), [info.scope.type, info.scope.id]);
  const [csvError, setCsvError] = useState<unknown>();

  if (report.loading && !report.data) return <Loading />;
  if (!report.data) return <ListsError error={report.error} onRetry={report.reload} />;
  const r = report.data;
  const csv = (kind: 'invited' | 'registered' | 'all') => {
    setCsvError(undefined);
    downloadAbsentees(info.scope, kind).catch(setCsvError);
  };

  return (
    <>
      <section className="card" aria-labelledby="absent-title">
        <h2 id="absent-title">{lt('absent.title')}</h2>
        {!r.list && <p className="meta">{lt('absent.noList')}</p>}
        {r.list && r.list.type === 'program' && info.scope.type === 'session' && (
          <p className="meta">{lt('absent.fromProgram')}</p>
        )}
        <Figures
          figures={[
            ['fig.expected', r.totals.expected],
            ['fig.listed', r.totals.listed],
            ['fig.registered', r.totals.registered],
            ['fig.present', r.totals.present],
            ['fig.invitedAbsent', r.totals.invitedAbsent],
            ['fig.registeredAbsent', r.totals.registeredAbsent],
          ]}
        />
        <div className="actions csv-links">
          <button type="button" className="secondary" onClick={() => csv('invited')}>
            {lt('absent.csvInvited')}
          </button>
          <button type="button" className="secondary" onClick={() => csv('registered')}>
            {lt('absent.csvRegistered')}
          </button>
          <button type="button" className="secondary" onClick={() => csv('all')}>
            {lt('absent.csvAll')}
          </button>
        </div>
        <ListsError error={csvError} />
      </section>
      {r.regions.map((g) => {
        const name = g.code ? regionName(regions, g.regionId, lang, g.code) : lt('region.none');
        return (
          <section key={g.regionId ?? 'none'} className="card" aria-label={name} data-region={g.code ?? ''}>
            <h2>{name}</h2>
            <Figures
              figures={[
                ['fig.expected', g.expected],
                ['fig.listed', g.listed],
                ['fig.registered', g.registered],
                ['fig.present', g.present],
              ]}
            />
            <h3>
              {lt('fig.invitedAbsent')}: {num(g.invitedAbsent.length)}
            </h3>
            <PersonList people={g.invitedAbsent} empty={lt('absent.noneInvited')} kind="invited" />
            <h3>
              {lt('fig.registeredAbsent')}: {num(g.registeredAbsent.length)}
            </h3>
            <PersonList people={g.registeredAbsent} empty={lt('absent.noneRegistered')} kind="registered" />
          </section>
        );
      })}
      {info.scope.type === 'session' ? (
        <FollowUp sessionId={info.scope.id} report={r} />
      ) : (
        <section className="card">
          <h2>{lt('followup.title')}</h2>
          <p>{lt('followup.sessionOnly')}</p>
        </section>
      )}
    </>
  );
}

function Figures({
  figures,
}: {
  figures: [Parameters<ReturnType<typeof useListsText>['lt']>[0], number | null][];
}) {
  const { lt, num } = useListsText();
  return (
    <dl className="lists-figures">
      {figures.map(([key, value]) => (
        <div key={key}>
          <dt>{lt(key)}</dt>
          <dd>{value === null ? '—' : num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function PersonList({ people, empty, kind }: { people: AbsentPerson[]; empty: string; kind: string }) {
  const { lt } = useListsText();
  if (people.length === 0) return <p className="meta">{empty}</p>;
  return (
    <ul className="list" data-absent={kind}>
      {people.map((p, i) => (
        <li key={p.inviteeId ?? p.userId ?? i} className="list-item">
          <div className="list-main">
            <strong>{p.fullName}</strong>
            <span className="meta break-anywhere">{[p.email, p.phone].filter(Boolean).join(' · ')}</span>
            {(p.organization || p.position) && (
              <span className="meta">{[p.organization, p.position].filter(Boolean).join(', ')}</span>
            )}
          </div>
          <div className="list-actions">
            {kind === 'invited' && (
              <span className={`chip chip-${p.status}`}>{lt(STATUS_KEY[p.status])}</span>
            )}
            {kind === 'registered' && !p.listed && <span className="chip">{lt('absent.notListed')}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** What the API takes as a recording link: an http(s) address. */
function isWebAddress(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

function FollowUp({ sessionId, report }: { sessionId: string; report: Absentees }) {
  const { lt, count } = useListsText();
  const [registered, setRegistered] = useState(true);
  const [invited, setInvited] = useState(true);
  const [recording, setRecording] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const [pickOne, setPickOne] = useState(false);
  const [badUrl, setBadUrl] = useState(false);
  const recId = useId();
  const recErr = useId();
  // Who declined gets nothing: count the invited-absent who did not.
  const invitedCount = report.regions
    .flatMap((g) => g.invitedAbsent)
    .filter((p) => p.status !== 'declined').length;
  const people = (registered ? report.totals.registeredAbsent : 0) + (invited ? invitedCount : 0);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setError(undefined);
    setPickOne(!registered && !invited);
    const url = recording.trim();
    const urlOk = !url || isWebAddress(url);
    setBadUrl(!urlOk);
    if ((registered || invited) && urlOk) setConfirming(true);
  };
  const send = async () => {
    setBusy(true);
    try {
      await followUp(sessionId, { registered, invited, recordingUrl: recording.trim() || null });
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <section className="card">
      <h2>{lt('followup.title')}</h2>
      <p className="hint">{lt('followup.hint')}</p>
      <form className="form" onSubmit={ask} noValidate>
        <fieldset className="checks">
          <legend className="visually-hidden">{lt('followup.title')}</legend>
          <label className="check">
            <input type="checkbox" checked={registered} onChange={(e) => setRegistered(e.target.checked)} />{' '}
            {lt('followup.registered')}
          </label>
          <label className="check">
            <input type="checkbox" checked={invited} onChange={(e) => setInvited(e.target.checked)} />{' '}
            {lt('followup.invited')}
          </label>
        </fieldset>
        {pickOne && (
          <p className="error" role="alert">
            {lt('followup.pickOne')}
          </p>
        )}
        <div className={`field${badUrl ? ' has-error' : ''}`}>
          <label htmlFor={recId}>{lt('followup.recording')}</label>
          <input
            id={recId}
            type="url"
            inputMode="url"
            value={recording}
            aria-invalid={badUrl}
            aria-describedby={badUrl ? recErr : undefined}
            onChange={(e) => {
              setRecording(e.target.value);
              setBadUrl(false);
            }}
          />
          {badUrl && (
            <p className="error" id={recErr} role="alert">
              {lt('followup.recordingInvalid')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit">{lt('followup.send')}</button>
        </div>
      </form>
      <ListsError error={error} />
      {done && (
        <p className="notice notice-ok" role="status">
          {lt('followup.sent')}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        question={lt('followup.confirmTitle')}
        effect={lt('followup.confirmEffect', { people: count('people', people) })}
        confirmLabel={lt('followup.confirm')}
        busy={busy}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
