import { FormEvent, useState } from 'react';
import { http, qs } from '../api/http';
import type { AdminUser, Page } from '../api/types';
import { Field, Loading } from '../components/ui';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { AdminError, useAdminText } from './admin-ui';
import { RoleChips, ROLE_NAMES, UserStatus } from './user-bits';

const PAGE_SIZE = 25;

/** Users, searched by name or e-mail and filtered by role, a page at a time. */
export function UsersPage() {
  const { at, count } = useAdminText();
  const [draft, setDraft] = useState({ q: '', role: '' });
  const [query, setQuery] = useState({ q: '', role: '', page: 1 });
  const users = useAsync(
    () =>
      http.get<Page<AdminUser>>(
        `/users${qs({ q: query.q.trim(), role: query.role, page: query.page, pageSize: PAGE_SIZE })}`,
      ),
    [query],
  );
  const pages = users.data ? Math.max(1, Math.ceil(users.data.total / users.data.pageSize)) : 1;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...draft, page: 1 });
  };

  return (
    <section className="card">
      <h1>{at('admin.users')}</h1>
      <form className="admin-filters" role="search" onSubmit={submit}>
        <Field label={at('users.search')}>
          {({ id }) => (
            <input
              id={id}
              type="search"
              name="q"
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          )}
        </Field>
        <Field label={at('users.role')}>
          {({ id }) => (
            <select
              id={id}
              name="role"
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value })}
            >
              <option value="">{at('users.anyRole')}</option>
              {ROLE_NAMES.map(([role, key]) => (
                <option key={role} value={role}>
                  {at(key)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit">{at('users.find')}</button>
        </div>
      </form>
      {users.loading && !users.data && <Loading />}
      <AdminError error={users.error} onRetry={users.reload} />
      {users.data && (
        <>
          <p className="meta" role="status">
            {users.data.total === 0 ? at('users.none') : count(users.data.total)}
          </p>
          {/* A list, not a table: a phone shows every field without sideways scrolling. */}
          <ul className="list">
            {users.data.items.map((u) => (
              <li key={u.id} className="list-item">
                <div className="list-main">
                  <strong>
                    <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                  </strong>
                  <span className="meta break-anywhere">{u.email}</span>
                  <RoleChips roles={u.roles} />
                </div>
                <UserStatus user={u} />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav className="pager" aria-label={at('users.pageOf', { page: query.page, pages })}>
              <button
                type="button"
                className="secondary"
                disabled={query.page <= 1}
                onClick={() => setQuery({ ...query, page: query.page - 1 })}
              >
                {at('users.prev')}
              </button>
              <span>{at('users.pageOf', { page: query.page, pages })}</span>
              <button
                type="button"
                className="secondary"
                disabled={query.page >= pages}
                onClick={() => setQuery({ ...query, page: query.page + 1 })}
              >
                {at('users.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
