/**
 * The admin makes a staff account: name, e-mail, first password, language, zone, roles and the
 * organization (an existing one, or a new one created with it). An organizer without an
 * organization cannot create a program, so the form asks for one whenever "organizer" is ticked.
 */
import { FormEvent, useMemo, useState } from 'react';
import { ApiError, http } from '../api/http';
import type { AdminUser, Language } from '../api/types';
import { Field, LANGUAGE_NAMES } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { allZones, KZ_ZONES } from '../lib/time';
import { useAsync } from '../lib/use-async';
import { AdminError, useAdminText } from './admin-ui';
import { newAccountErrorKey, NewAccountKey, newAccountText } from './new-account-strings';
import { ROLE_NAMES } from './user-bits';

interface Organization {
  id: string;
  name: string;
}

/**
 * Staff roles only: attendees sign up themselves, and a coordinator needs regions, which the
 * account page gives (the API refuses a coordinator without them).
 */
const STAFF_ROLES = ROLE_NAMES.filter(([r]) => r !== 'attendee' && r !== 'coordinator');

type Problems = Partial<Record<'name' | 'email' | 'password' | 'roles' | 'organization', string>>;

export function NewAccountCard({ onCreated }: { onCreated?: () => void }) {
  const { lang } = useI18n();
  const { at } = useAdminText();
  const nt = (key: NewAccountKey, vars?: Record<string, string | number>) => newAccountText(lang, key, vars);
  const organizations = useAsync(() => http.get<Organization[]>('/organizations'), []);
  const zones = useMemo(allZones, []);
  const empty = {
    name: '',
    email: '',
    password: '',
    language: lang as Language,
    zone: 'Asia/Almaty',
    roles: ['organizer'] as string[],
    organizationId: '',
    newOrganization: '',
  };
  const [f, setF] = useState(empty);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>();
  const [created, setCreated] = useState<AdminUser>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(undefined);
    setFailure(undefined);
    const next: Problems = {
      name: f.name.trim() ? undefined : nt('new.required'),
      email: f.email.trim() ? undefined : nt('new.required'),
      password: f.password.length >= 8 ? undefined : nt('new.passwordShort'),
      roles: f.roles.length ? undefined : nt('new.roleNeeded'),
      organization:
        f.roles.includes('organizer') && !f.organizationId && !f.newOrganization.trim()
          ? nt('new.organizerNeedsOrg')
          : undefined,
    };
    setProblems(next);
    if (Object.values(next).some(Boolean)) return;
    setBusy(true);
    try {
      let organizationId = f.organizationId || undefined;
      if (f.newOrganization.trim()) {
        organizationId = (await http.post<Organization>('/organizations', { name: f.newOrganization.trim() }))
          .id;
        organizations.reload();
      }
      const user = await http.post<AdminUser>('/users', {
        displayName: f.name.trim(),
        email: f.email.trim(),
        password: f.password,
        language: f.language,
        timeZone: f.zone,
        roles: f.roles,
        ...(organizationId ? { organizationId } : {}),
      });
      setCreated(user);
      onCreated?.();
      setF({ ...empty, language: f.language });
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const known = failure instanceof ApiError ? newAccountErrorKey(failure.code) : undefined;
  return (
    <section className="card" aria-labelledby="new-account">
      <h2 id="new-account">{nt('new.title')}</h2>
      <p className="hint">{nt('new.intro')}</p>
      <form className="form" aria-labelledby="new-account" onSubmit={submit} noValidate>
        <div className="row">
          <Field label={nt('new.name')} error={problems.name}>
            {({ id, describedBy }) => (
              <input
                id={id}
                name="displayName"
                autoComplete="off"
                value={f.name}
                aria-describedby={describedBy}
                onChange={(e) => set({ name: e.target.value })}
              />
            )}
          </Field>
          <Field label={nt('new.email')} error={problems.email}>
            {({ id, describedBy }) => (
              <input
                id={id}
                name="email"
                type="email"
                autoComplete="off"
                value={f.email}
                aria-describedby={describedBy}
                onChange={(e) => set({ email: e.target.value })}
              />
            )}
          </Field>
        </div>
        <Field label={nt('new.password')} error={problems.password}>
          {({ id, describedBy }) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="new-password"
              value={f.password}
              aria-describedby={describedBy}
              onChange={(e) => set({ password: e.target.value })}
            />
          )}
        </Field>
        <div className="row">
          <Field label={nt('new.language')}>
            {({ id }) => (
              <select
                id={id}
                name="language"
                value={f.language}
                onChange={(e) => set({ language: e.target.value as Language })}
              >
                {(['kk', 'ru', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={nt('new.zone')}>
            {({ id }) => (
              <select id={id} name="timeZone" value={f.zone} onChange={(e) => set({ zone: e.target.value })}>
                {[...KZ_ZONES, ...zones].map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset aria-describedby={`new-roles-hint${problems.roles ? ' new-roles-error' : ''}`}>
          <legend>{nt('new.roles')}</legend>
          <p className="hint" id="new-roles-hint">
            {nt('new.rolesHint')}
          </p>
          <div className="checks">
            {STAFF_ROLES.map(([role, key]) => (
              <label key={role} className="check">
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={f.roles.includes(role)}
                  onChange={(e) =>
                    set({
                      roles: e.target.checked ? [...f.roles, role] : f.roles.filter((r) => r !== role),
                    })
                  }
                />
                {at(key)}
              </label>
            ))}
          </div>
          {problems.roles && (
            <p className="error" id="new-roles-error" role="alert">
              {problems.roles}
            </p>
          )}
        </fieldset>
        <div className="row">
          <Field label={nt('new.organization')} error={problems.organization}>
            {({ id, describedBy }) => (
              <select
                id={id}
                name="organizationId"
                value={f.organizationId}
                aria-describedby={describedBy}
                onChange={(e) => set({ organizationId: e.target.value })}
              >
                <option value="">{nt('new.noOrganization')}</option>
                {(organizations.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={nt('new.newOrganization')} hint={nt('new.newOrganizationHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                name="newOrganization"
                value={f.newOrganization}
                aria-describedby={describedBy}
                onChange={(e) => set({ newOrganization: e.target.value })}
              />
            )}
          </Field>
        </div>
        {known ? (
          <p className="notice notice-error" role="alert">
            {nt(known)}
          </p>
        ) : (
          <AdminError error={failure} />
        )}
        {created && (
          <p className="notice notice-ok" role="status">
            {nt('new.created', { name: created.displayName })}{' '}
            <Link to={`/admin/users/${created.id}`}>{nt('new.open')}</Link>
          </p>
        )}
        <button type="submit" disabled={busy}>
          {nt('new.submit')}
        </button>
      </form>
    </section>
  );
}
