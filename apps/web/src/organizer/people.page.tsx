/**
 * The people expected in a program (the invitations' expected list): add one person, import a
 * CSV or XLSX file (all or nothing, every bad row named in the reader's language), remove someone
 * (confirmed), and see a person's registrations (GET /users/:id/registrations).
 */
import { FormEvent, lazy, Suspense, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { Language, MyRegistration, Page, Program } from '../api/types';
import { LANGUAGES } from '../api/types';
import { Field, LANGUAGE_NAMES, Loading, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import type { OrganizerKey } from './organizer-strings';
import { OrgError, useConfirm, useOrgText } from './organizer-ui';

interface ListedPerson {
  id: string;
  regionId: number;
  userId: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  language: Language;
  status: 'listed' | 'invited' | 'registered' | 'declined' | 'bounced';
}
interface ExpectedList {
  items: ListedPerson[];
  counts: Record<string, number>;
}
interface ImportSummary {
  rows: number;
  added: number;
  updated: number;
}

// The import card and the wording of refused rows are the invitations lists' own (one component
// for both screens); loaded on demand so the lists' strings stay out of the console's chunk.
const ImportPeopleCard = lazy(() =>
  import('../invitations/import-people.card').then((m) => ({ default: m.ImportPeopleCard })),
);
const ImportFailure = lazy(() =>
  import('../invitations/import-people.card').then((m) => ({ default: m.ImportFailure })),
);

const HEADER = 'name,email,phone,region_code,language,organization,position';
/** One CSV field: quoted when it holds a separator, a quote or a line break. */
const field = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function PeoplePage({ programId }: { programId: string }) {
  const { pick } = useI18n();
  const ot = useOrgText();
  const program = useAsync(() => http.get<Program>(`/programs/${programId}`), [programId]);
  const list = useAsync(() => http.get<ExpectedList>(`/programs/${programId}/expected-people`), [programId]);
  const regions = useRegions();
  const [open, setOpen] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [dialog, confirm] = useConfirm();
  // A person's registrations are an organizer's view (coordinators see their regions elsewhere).
  const organizer = isOrganizer(useAuth().auth?.user);
  const regionName = (id: number) => pick(regions.data?.find((r) => r.id === id)?.names) || `#${id}`;

  const remove = async (p: ListedPerson) => {
    setFailure(undefined);
    const yes = await confirm({
      title: ot('confirm.personTitle', { name: p.fullName }),
      body: ot('confirm.personBody'),
      action: ot('confirm.person'),
    });
    if (!yes) return;
    try {
      await http.del(`/programs/${programId}/expected-people/${p.id}`);
      list.reload();
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <>
      {dialog}
      <section className="card">
        <p className="crumbs">
          <Link to={`/organizer/programs/${programId}`}>{program.data ? pick(program.data.title) : '…'}</Link>
        </p>
        <h1>{ot('people.title')}</h1>
        {list.loading && !list.data && <Loading />}
        <OrgError error={list.error ?? failure} onRetry={list.error ? list.reload : undefined} />
        {list.data?.items.length === 0 && <p>{ot('people.none')}</p>}
        {list.data && list.data.items.length > 0 && (
          <ul className="list">
            {list.data.items.map((p) => (
              <li key={p.id} className="list-item">
                <div className="list-main">
                  <strong>{p.fullName}</strong>
                  <span className="meta">
                    {[p.email, p.phone, regionName(p.regionId)].filter(Boolean).join(' · ')}
                  </span>
                  {open === p.id && p.userId && <PersonRegistrations userId={p.userId} />}
                </div>
                <span className={`chip chip-${p.status}`}>{ot(`status.${p.status}` as OrganizerKey)}</span>
                <div className="order-actions">
                  {p.userId && organizer ? (
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={open === p.id}
                      aria-label={ot('people.showRegistrations', { name: p.fullName })}
                      onClick={() => setOpen(open === p.id ? null : p.id)}
                    >
                      {ot('people.registrations')}
                    </button>
                  ) : (
                    !p.userId && <span className="meta">{ot('people.noAccount')}</span>
                  )}
                  <button
                    type="button"
                    className="danger"
                    aria-label={ot('people.remove', { name: p.fullName })}
                    onClick={() => void remove(p)}
                  >
                    {ot('action.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AddPerson programId={programId} onAdded={list.reload} />
      <Suspense fallback={<Loading />}>
        <ImportPeopleCard scope={{ type: 'program', id: programId }} onImported={list.reload} />
      </Suspense>
    </>
  );
}

function PersonRegistrations({ userId }: { userId: string }) {
  const { t } = useI18n();
  const ot = useOrgText();
  const regs = useAsync(
    () => http.get<Page<MyRegistration>>(`/users/${userId}/registrations?pageSize=50`),
    [userId],
  );
  if (regs.loading && !regs.data) return <Loading />;
  if (!regs.data) return <OrgError error={regs.error} onRetry={regs.reload} />;
  if (regs.data.items.length === 0) return <p className="hint">{ot('people.noRegistrations')}</p>;
  return (
    <ul className="person-registrations">
      {regs.data.items.map((r) => (
        <li key={r.id}>
          <Link to={`/organizer/sessions/${r.session.id}`}>{r.session.title ?? r.session.id}</Link>
          {' · '}
          <When utc={r.session.start.utc} zone={r.session.timeZone} />
          {' · '}
          {ot(`status.${r.status}` as OrganizerKey)}
          {r.session.status === 'cancelled' && ` (${t('session.cancelled')})`}
        </li>
      ))}
    </ul>
  );
}

function AddPerson({ programId, onAdded }: { programId: string; onAdded(): void }) {
  const { t, pick, lang } = useI18n();
  const ot = useOrgText();
  const regions = useRegions();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState('');
  const [language, setLanguage] = useState<Language>(lang);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [note, setNote] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNote('');
    setFailure(undefined);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('form.required');
    if (!email.trim() && !phone.trim()) found.contact = ot('people.contactNeeded');
    if (!region) found.region = ot('people.regionNeeded');
    setErrors(found);
    if (Object.keys(found).length) return;
    const code = regions.data?.find((r) => String(r.id) === region)?.code ?? '';
    const csv = `${HEADER}\n${[name.trim(), email.trim(), phone.trim(), code, language, '', ''].map(field).join(',')}\n`;
    try {
      await http.post<ImportSummary>(`/programs/${programId}/expected-people/import`, csv, { csv: true });
      setNote(ot('people.added', { name: name.trim() }));
      setName('');
      setEmail('');
      setPhone('');
      onAdded();
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <section className="card">
      <h2>{ot('people.addTitle')}</h2>
      <form className="form" onSubmit={submit} noValidate aria-label={ot('people.addTitle')}>
        <Field label={ot('people.name')} error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="fullName"
              autoComplete="off"
              value={name}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <Field label={ot('people.email')} error={errors.contact}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="email"
                type="email"
                autoComplete="off"
                value={email}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field label={ot('people.phone')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                name="phone"
                type="tel"
                autoComplete="off"
                value={phone}
                aria-describedby={describedBy}
                onChange={(e) => setPhone(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={ot('people.region')} error={errors.region}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="region"
                value={region}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setRegion(e.target.value)}
              >
                <option value="">—</option>
                {(regions.data ?? [])
                  .filter((r) => !r.retiredAt)
                  .sort((a, b) => pick(a.names).localeCompare(pick(b.names), lang))
                  .map((r) => (
                    <option key={r.id} value={r.id}>
                      {pick(r.names)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label={ot('people.language')}>
            {({ id }) => (
              <select
                id={id}
                name="language"
                value={language}
                onChange={(e) => setLanguage(e.target.value as Language)}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {failure !== undefined && (
          // The person goes through the import, so the API's refusal is a refused row.
          <Suspense fallback={null}>
            <ImportFailure error={failure} single />
          </Suspense>
        )}
        {note && (
          <p className="notice notice-ok" role="status">
            {note}
          </p>
        )}
        <button type="submit">{ot('people.add')}</button>
      </form>
    </section>
  );
}
