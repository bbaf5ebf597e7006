/**
 * The expected list of a program or session: import a CSV/XLSX (all or nothing, refused rows
 * worded in the reader's language), the people with their invitation status region by region,
 * sending the invitations and the program's invitation reminders.
 */
import { FormEvent, useId, useMemo, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import type { Region } from '../api/types';
import { Loading, When, useViewerZone } from '../components/ui';
import { useRegions } from '../lib/regions';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import type { ScopeInfo } from './lists.api';
import { ImportPeopleCard } from './import-people.card';
import {
  invitationSettings,
  listPeople,
  ListedPerson,
  offsetHoursText,
  parseOffsetHours,
  PERSON_STATUSES,
  PersonStatus,
  removePerson,
  saveInvitationSettings,
  sendInvitations,
} from './lists.api';
import type { ListsKey } from './lists-strings';
import { ConfirmDialog, ListsError, useListsText } from './lists-ui';

/** People drawn at a time: a list of thousands stays quick to show and to scroll. */
const PAGE = 100;

export const STATUS_KEY: Record<string, ListsKey> = {
  listed: 'status.listed',
  invited: 'status.invited',
  registered: 'status.registered',
  declined: 'status.declined',
  bounced: 'status.bounced',
};

/** The regions this person may manage: every active one for organizers, a coordinator's own. */
export function useMyRegions(): { regions: Region[]; loading: boolean } {
  const { auth } = useAuth();
  const all = useRegions();
  const user = auth?.user;
  const regions = useMemo(() => {
    const active = (all.data ?? []).filter((r) => !r.retiredAt);
    if (!user || isOrganizer(user)) return active;
    return active.filter((r) => user.coordinatorRegionIds.includes(r.id));
  }, [all.data, user]);
  return { regions, loading: all.loading && !all.data };
}

export function regionName(regions: Region[], id: number | null, lang: 'kk' | 'ru' | 'en', none: string) {
  if (id === null) return none;
  const r = regions.find((x) => x.id === id);
  return r ? r.names[lang] || r.code : String(id);
}

export function ExpectedListTab({ info }: { info: ScopeInfo }) {
  const { lt, lang } = useListsText();
  const { regions } = useMyRegions();
  const [regionId, setRegionId] = useState<number | undefined>();
  const regionSelect = useId();
  const list = useAsync(() => listPeople(info.scope, regionId), [info.scope.type, info.scope.id, regionId]);

  return (
    <>
      <ImportPeopleCard scope={info.scope} onImported={list.reload} />
      <section className="card">
        <h2>{lt('invite.title')}</h2>
        <div className="field">
          <label htmlFor={regionSelect}>{lt('region.label')}</label>
          <select
            id={regionSelect}
            value={regionId ?? ''}
            onChange={(e) => setRegionId(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">{lt('region.all')}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.names[lang] || r.code}
              </option>
            ))}
          </select>
        </div>
        <SendInvitations info={info} regionId={regionId} onSent={list.reload} />
      </section>
      <ReminderSettings programId={info.programId} />
      {list.loading && !list.data && <Loading />}
      <ListsError error={list.error} onRetry={list.reload} />
      {list.data && (
        <>
          <RegionCounts counts={list.data.counts} byRegion={list.data.regions} regions={regions} />
          <People info={info} items={list.data.items} regions={regions} onChange={list.reload} />
        </>
      )}
    </>
  );
}

function SendInvitations({ info, regionId, onSent }: { info: ScopeInfo; regionId?: number; onSent(): void }) {
  const { lt, count } = useListsText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<number | null>(null);
  const send = async () => {
    setBusy(true);
    setError(undefined);
    setSent(null);
    try {
      setSent((await sendInvitations(info.scope, regionId)).invited);
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="hint">{lt('invite.hint')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void send()}>
          {lt('invite.send')}
        </button>
      </div>
      <ListsError error={error} />
      {sent !== null && (
        <p className="notice notice-ok" role="status">
          {sent > 0
            ? lt('invite.sent', { invitations: count('invitations', sent) })
            : lt('invite.noneToSend')}
        </p>
      )}
    </>
  );
}

function ReminderSettings({ programId }: { programId: string }) {
  const { lt } = useListsText();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const settings = useAsync(() => invitationSettings(programId), [programId]);
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errId = useId();
  if (!settings.data)
    return settings.error ? <ListsError error={settings.error} onRetry={settings.reload} /> : null;
  const value = text ?? offsetHoursText(settings.data.reminderOffsetsMinutes);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    const minutes = parseOffsetHours(value);
    setInvalid(minutes === null);
    if (minutes === null) return;
    try {
      settings.set(await saveInvitationSettings(programId, minutes));
      setText(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card">
      <h2>{lt('settings.title')}</h2>
      <form className="form" onSubmit={(e) => void save(e)} noValidate>
        <div className={`field${invalid ? ' has-error' : ''}`}>
          <label htmlFor={inputId}>{lt('settings.label')}</label>
          <input
            id={inputId}
            name="reminderHours"
            inputMode="numeric"
            value={value}
            readOnly={!editor}
            aria-invalid={invalid}
            aria-describedby={`${hintId}${invalid ? ` ${errId}` : ''}`}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
          />
          <p className="hint" id={hintId}>
            {lt(editor ? 'settings.hint' : 'settings.organizersOnly')}
          </p>
          {invalid && (
            <p className="error" id={errId} role="alert">
              {lt('settings.invalid')}
            </p>
          )}
        </div>
        {settings.data.reminderOffsetsMinutes.length === 0 && <p className="meta">{lt('settings.none')}</p>}
        {editor && (
          <div className="actions">
            <button type="submit">{lt('settings.save')}</button>
          </div>
        )}
      </form>
      <ListsError error={error} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {lt('settings.saved')}
        </p>
      )}
    </section>
  );
}

function RegionCounts({
  counts,
  byRegion,
  regions,
}: {
  counts: Record<string, number>;
  byRegion: { regionId: number; counts: Record<string, number> }[];
  regions: Region[];
}) {
  const { lt, lang, count, num } = useListsText();
  if (byRegion.length === 0) return null;
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const line = (c: Record<string, number>) => (
    <ul className="chips">
      {PERSON_STATUSES.filter((s) => c[s]).map((s) => (
        <li key={s} className={`chip chip-${s}`}>
          {lt(STATUS_KEY[s])}: {num(c[s])}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="card" aria-labelledby="lists-counts">
      <h2 id="lists-counts">{lt('counts.title')}</h2>
      <ul className="list">
        {byRegion.map((r) => (
          <li key={r.regionId} className="list-item" data-region={r.regionId}>
            <div className="list-main">
              <strong>{regionName(regions, r.regionId, lang, lt('region.none'))}</strong>
              <span className="meta">{count('people', total(r.counts))}</span>
              {line(r.counts)}
            </div>
          </li>
        ))}
        {byRegion.length > 1 && (
          <li className="list-item">
            <div className="list-main">
              <strong>{lt('counts.total')}</strong>
              <span className="meta">{count('people', total(counts))}</span>
              {line(counts)}
            </div>
          </li>
        )}
      </ul>
    </section>
  );
}

function People({
  info,
  items,
  regions,
  onChange,
}: {
  info: ScopeInfo;
  items: ListedPerson[];
  regions: Region[];
  onChange(): void;
}) {
  const { lt, lang, num } = useListsText();
  const zone = useViewerZone();
  const [status, setStatus] = useState<PersonStatus | ''>('');
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const searchId = useId();
  const [removing, setRemoving] = useState<ListedPerson | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const filterId = useId();
  const needle = search.trim().toLocaleLowerCase(lang);
  const shown = items.filter(
    (p) =>
      (!status || p.status === status) &&
      (!needle ||
        [p.fullName, p.email, p.phone].some((v) => v && v.toLocaleLowerCase(lang).includes(needle))),
  );
  const sorted = [...shown].sort(
    (a, b) =>
      regionName(regions, a.regionId, lang, '').localeCompare(
        regionName(regions, b.regionId, lang, ''),
        lang,
      ) || a.fullName.localeCompare(b.fullName, lang),
  );

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(undefined);
    try {
      await removePerson(info.scope, removing.id);
      setRemoving(null);
      onChange();
    } catch (e) {
      setRemoving(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="lists-people">
      <h2 id="lists-people">{lt('people.title')}</h2>
      {info.scope.type === 'program' && (
        // Adding a single person and a person's registrations live on the console's people page.
        <p>
          <Link to={`/organizer/programs/${info.programId}/people`}>{lt('people.onePerson')}</Link>
        </p>
      )}
      {items.length === 0 && info.scope.type === 'session' ? (
        <>
          <p>{lt('people.sessionUsesProgram')}</p>
          <Link to={`/organizer/programs/${info.programId}/invitations`}>{lt('people.openProgramList')}</Link>
        </>
      ) : items.length === 0 ? (
        <p>{lt('people.none')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={filterId}>{lt('people.filter')}</label>
            <select
              id={filterId}
              value={status}
              onChange={(e) => setStatus(e.target.value as PersonStatus | '')}
            >
              <option value="">{lt('people.anyStatus')}</option>
              {PERSON_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {lt(STATUS_KEY[s])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={searchId}>{lt('people.search')}</label>
            <input
              id={searchId}
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setLimit(PAGE);
              }}
            />
          </div>
          <ListsError error={error} />
          {sorted.length === 0 && <p>{lt('people.noneHere')}</p>}
          {sorted.length > limit && (
            <p className="meta" role="status">
              {lt('people.shown', { shown: num(limit), total: num(sorted.length) })}
            </p>
          )}
          <ul className="list people-list">
            {sorted.slice(0, limit).map((p) => (
              <li key={p.id} className="list-item person" data-person={p.fullName}>
                <div className="list-main">
                  <strong>{p.fullName}</strong>
                  <span className="meta break-anywhere">
                    {[regionName(regions, p.regionId, lang, lt('region.none')), p.email, p.phone]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {(p.organization || p.position) && (
                    <span className="meta">{[p.organization, p.position].filter(Boolean).join(', ')}</span>
                  )}
                  {p.invitedAt && p.status !== 'declined' && (
                    <span className="meta">
                      {lt('people.invitedAt', { time: '' })}
                      <When utc={p.invitedAt} zone={zone} />
                    </span>
                  )}
                  {p.status === 'declined' && (
                    <span className="meta">
                      {p.declinedAt && (
                        <>
                          {lt('people.declinedAt', { time: '' })}
                          <When utc={p.declinedAt} zone={zone} />{' '}
                        </>
                      )}
                      {p.declineReason
                        ? lt('people.reason', { reason: p.declineReason })
                        : lt('people.noReason')}
                    </span>
                  )}
                </div>
                <div className="list-actions">
                  <span className={`chip chip-${p.status}`}>{lt(STATUS_KEY[p.status])}</span>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={lt('people.removeNamed', { name: p.fullName })}
                    onClick={() => setRemoving(p)}
                  >
                    {lt('people.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {sorted.length > limit && (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setLimit((n) => n + PAGE)}>
                {lt('people.more')}
              </button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={!!removing}
        question={lt('people.removeTitle', { name: removing?.fullName ?? '' })}
        effect={lt('people.removeEffect')}
        confirmLabel={lt('people.remove')}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
