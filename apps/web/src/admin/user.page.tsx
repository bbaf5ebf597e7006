import { FormEvent, useEffect, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { AdminUser, Region } from '../api/types';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { AdminError, ConfirmDialog, useAdminText } from './admin-ui';
import { ROLE_NAMES, useInstantText, UserStatus } from './user-bits';

/**
 * One person: their roles (a coordinator with the regions they manage), and disabling or
 * enabling the account. The API decides everything again (only admins, active regions only,
 * never one's own admin role or account): the screen only saves the round trip.
 */
export function UserPage({ id }: { id: string }) {
  const { at } = useAdminText();
  const user = useAsync(() => http.get<AdminUser>(`/users/${encodeURIComponent(id)}`), [id]);
  const regions = useAsync(() => http.get<Region[]>('/regions?includeRetired=true'), []);
  const instant = useInstantText();
  const u = user.data;
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">{at('users.back')}</Link>
      </p>
      {user.loading && !u && <Loading />}
      <AdminError error={user.error ?? regions.error} onRetry={user.error ? user.reload : regions.reload} />
      {u && (
        <section className="card">
          <h1>{u.displayName}</h1>
          <dl className="facts">
            <dt>{at('users.email')}</dt>
            <dd>{u.email}</dd>
            <dt>{at('users.createdAt')}</dt>
            <dd>{instant(u.createdAt)}</dd>
            <dt>{at('users.status')}</dt>
            <dd>
              <UserStatus user={u} />
            </dd>
          </dl>
        </section>
      )}
      {u && regions.data && <RolesForm key={u.id} user={u} regions={regions.data} onSaved={user.set} />}
      {u && <AccountCard user={u} onChanged={user.set} />}
    </>
  );
}

function RolesForm({
  user,
  regions,
  onSaved,
}: {
  user: AdminUser;
  regions: Region[];
  onSaved(u: AdminUser): void;
}) {
  const { at } = useAdminText();
  const { pick } = useI18n();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [regionIds, setRegionIds] = useState<number[]>(user.coordinatorRegionIds);
  const [problem, setProblem] = useState<{ roles?: string; regions?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const coordinator = roles.includes('coordinator');
  // Active regions, plus any retired one still assigned (so it can be seen and taken away).
  const shown = regions.filter((r) => !r.retiredAt || user.coordinatorRegionIds.includes(r.id));

  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const next = {
      roles: roles.length ? undefined : at('user.needRole'),
      regions: coordinator && !regionIds.length ? at('user.needRegion') : undefined,
    };
    setProblem(next);
    if (next.roles || next.regions) return;
    setBusy(true);
    try {
      const updated = await http.patch<AdminUser>(`/users/${user.id}/roles`, {
        roles,
        // Regions belong to the coordinator role only; the API refuses them on anyone else.
        ...(coordinator ? { coordinatorRegionIds: regionIds } : {}),
      });
      onSaved(updated);
      setRoles(updated.roles);
      setRegionIds(updated.coordinatorRegionIds);
      setSaved(true);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <form className="form" onSubmit={submit} noValidate>
        <fieldset aria-describedby={problem.roles ? 'roles-error' : undefined}>
          <legend>{at('user.rolesLegend')}</legend>
          <div className="checks">
            {ROLE_NAMES.map(([role, key]) => (
              <label key={role} className="check">
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(e) => setRoles(toggle(roles, role, e.target.checked))}
                />
                {at(key)}
              </label>
            ))}
          </div>
          {problem.roles && (
            <p className="error" id="roles-error" role="alert">
              {problem.roles}
            </p>
          )}
        </fieldset>
        {coordinator && (
          <fieldset aria-describedby={`regions-hint${problem.regions ? ' regions-error' : ''}`}>
            <legend>{at('user.regionsLegend')}</legend>
            <p className="hint" id="regions-hint">
              {at('user.regionsHint')}
            </p>
            <div className="checks">
              {shown.map((r) => (
                <label key={r.id} className="check">
                  <input
                    type="checkbox"
                    name="coordinatorRegionIds"
                    value={r.id}
                    checked={regionIds.includes(r.id)}
                    onChange={(e) => setRegionIds(toggle(regionIds, r.id, e.target.checked))}
                  />
                  {r.retiredAt ? at('user.regionRetired', { name: pick(r.names) }) : pick(r.names)}
                </label>
              ))}
            </div>
            {problem.regions && (
              <p className="error" id="regions-error" role="alert">
                {problem.regions}
              </p>
            )}
          </fieldset>
        )}
        <AdminError error={failure} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {at('user.saved', { name: user.displayName })}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {at('user.save')}
        </button>
      </form>
    </section>
  );
}

function AccountCard({ user, onChanged }: { user: AdminUser; onChanged(u: AdminUser): void }) {
  const { at } = useAdminText();
  const { auth } = useAuth();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const self = auth?.user.id === user.id;
  useEffect(() => setDone(undefined), [user.id]);

  const act = async (action: 'disable' | 'enable') => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      const updated = await http.post<AdminUser>(`/users/${user.id}/${action}`);
      onChanged(updated);
      setDone(at(action === 'disable' ? 'user.disabledNow' : 'user.enabledNow', { name: user.displayName }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <section className="card">
      {self && <p className="hint">{at('user.self')}</p>}
      <AdminError error={failure} />
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <div className="actions">
        {user.disabledAt ? (
          <button type="button" disabled={busy} onClick={() => void act('enable')}>
            {at('user.enable')}
          </button>
        ) : (
          <button type="button" className="danger" disabled={busy || self} onClick={() => setAsking(true)}>
            {at('user.disable')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={asking}
        question={at('user.disableQuestion', { name: user.displayName })}
        effect={at('user.disableEffect')}
        confirmLabel={at('user.disableConfirm')}
        busy={busy}
        onConfirm={() => void act('disable')}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
