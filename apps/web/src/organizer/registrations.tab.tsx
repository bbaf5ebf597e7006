import { useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http, qs } from '../api/http';
import type { Page, Registration, RegistrationStatus, Session } from '../api/types';
import { ErrorNote, Field, Loading, When } from '../components/ui';
import { TableWrap } from '../components/table-wrap';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';
import { REG_STATUS } from '../pages/home.page';
import { useConfirm, useOrgText } from './organizer-ui';

const PAGE_SIZE = 50;

/** Who registered (and who waits): filter by status, promote from the waitlist, cancel a seat. */
export function RegistrationsTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const [status, setStatus] = useState<RegistrationStatus | ''>('');
  const [page, setPage] = useState(1);
  const [failure, setFailure] = useState<unknown>();
  const [note, setNote] = useState('');
  const ot = useOrgText();
  const [dialog, confirm] = useConfirm();
  const regs = useAsync(
    () =>
      http.get<Page<Registration>>(
        `/sessions/${session.id}/registrations${qs({ status, page, pageSize: PAGE_SIZE })}`,
      ),
    [session.id, status, page],
  );
  const pages = regs.data ? Math.max(1, Math.ceil(regs.data.total / PAGE_SIZE)) : 1;

  const promote = async () => {
    setFailure(undefined);
    try {
      const r = await http.post<{ promoted: Registration[] }>(
        `/sessions/${session.id}/registrations/promote`,
      );
      setNote(t('registrations.promoted', { n: r.promoted.length }));
      regs.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  const cancel = async (id: string, name: string) => {
    setFailure(undefined);
    const yes = await confirm({
      title: ot('confirm.seatTitle', { name }),
      body: ot('confirm.seatBody', { name }),
      action: ot('confirm.seat'),
    });
    if (!yes) return;
    try {
      await http.del(`/sessions/${session.id}/registrations/${id}`);
      regs.reload();
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <section className="card">
      {dialog}
      <div className="card-head">
        <h2>{t('tab.registrations')}</h2>
        {editor && (
          <button type="button" className="secondary" onClick={() => void promote()}>
            {t('registrations.promote')}
          </button>
        )}
      </div>
      <Field label={t('registrations.filter')}>
        {({ id }) => (
          <select
            id={id}
            name="status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as RegistrationStatus | '');
              setPage(1);
            }}
          >
            <option value="">{t('registrations.all')}</option>
            <option value="registered">{t('reg.registered')}</option>
            <option value="waitlisted">{t('reg.waitlisted')}</option>
            <option value="cancelled">{t('reg.cancelled')}</option>
          </select>
        )}
      </Field>
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <ErrorNote error={failure ?? regs.error} onRetry={regs.error ? regs.reload : undefined} />
      {regs.loading && !regs.data && <Loading />}
      {regs.data && (
        <>
          <p className="meta">{t('registrations.total', { n: regs.data.total })}</p>
          <TableWrap label={t('tab.registrations')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('registrations.person')}</th>
                  <th scope="col">{t('registrations.region')}</th>
                  <th scope="col">{t('registrations.status')}</th>
                  <th scope="col">{t('registrations.since')}</th>
                  {editor && <th scope="col">{t('registrations.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {regs.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.user?.displayName ?? r.userId}
                      {r.user && (
                        <>
                          <br />
                          <small>{r.user.email}</small>
                        </>
                      )}
                    </td>
                    <td>{r.region ? pick(r.region.names) : '—'}</td>
                    <td>
                      <span className={`chip chip-${r.status}`}>{t(REG_STATUS[r.status])}</span>
                    </td>
                    <td>
                      <When utc={(r.waitlistedAt ?? r.createdAt).utc} zone={session.timeZone} />
                    </td>
                    {editor && (
                      <td>
                        {r.status !== 'cancelled' && (
                          <button
                            type="button"
                            className="link"
                            onClick={() => void cancel(r.id, r.user?.displayName ?? r.userId)}
                          >
                            {t('registrations.cancel')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {pages > 1 && (
            <nav className="pager" aria-label={t('pager.label')}>
              <button
                type="button"
                className="secondary"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                {t('pager.prev')}
              </button>
              <span>{t('pager.of', { page, pages })}</span>
              <button
                type="button"
                className="secondary"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                {t('pager.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
