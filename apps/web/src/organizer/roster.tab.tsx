import { ChangeEvent, FormEvent, useState } from 'react';
import { ApiError, http } from '../api/http';
import type { Roster, Session } from '../api/types';
import { ErrorNote, Field, Loading } from '../components/ui';
import { countText } from '../i18n/count-strings';
import { rosterRowText, type RosterRowProblem } from '../i18n/errors';
import { TableWrap } from '../components/table-wrap';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';

/** Expected vs registered per region, and the all-or-nothing CSV import with per-row errors. */
export function RosterTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
  const roster = useAsync(() => http.get<Roster>(`/sessions/${session.id}/roster`), [session.id]);
  return (
    <>
      <section className="card">
        <h2>{t('tab.roster')}</h2>
        {roster.loading && !roster.data && <Loading />}
        <ErrorNote error={roster.error} onRetry={roster.reload} />
        {roster.data && roster.data.lines.length === 0 && <p>{t('roster.empty')}</p>}
        {roster.data && roster.data.lines.length > 0 && (
          <TableWrap label={t('tab.roster')}>
            <table className="numbers">
              <thead>
                <tr>
                  <th scope="col">{t('registrations.region')}</th>
                  <th scope="col">{t('roster.expected')}</th>
                  <th scope="col">{t('roster.registered')}</th>
                  <th scope="col">{t('roster.waitlisted')}</th>
                </tr>
              </thead>
              <tbody>
                {roster.data.lines.map((l) => (
                  <tr key={l.region.id}>
                    <th scope="row">
                      {pick(l.region.names)} <small>{l.region.code}</small>
                    </th>
                    <td>{l.expected ?? '—'}</td>
                    <td>{l.registered}</td>
                    <td>{l.waitlisted}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('roster.totals')}</th>
                  <td>{roster.data.totals.expected}</td>
                  <td>{roster.data.totals.registered}</td>
                  <td>{roster.data.totals.waitlisted}</td>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        )}
      </section>
      <RosterImport sessionId={session.id} onImported={roster.set} />
    </>
  );
}

function RosterImport({ sessionId, onImported }: { sessionId: string; onImported(r: Roster): void }) {
  const { t, lang } = useI18n();
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<string>();
  const [rows, setRows] = useState<RosterRowProblem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRows([]);
    setFailure(undefined);
    setDone(false);
    const first = csv.split(/\r\n|\n|\r/).find((l) => l.trim() !== '');
    if (!first) {
      setError(t('roster.csvEmpty'));
      return;
    }
    if (!/[,;\t]/.test(first)) {
      setError(t('roster.csvHeader'));
      return;
    }
    setError(undefined);
    try {
      onImported(await http.post<Roster>(`/sessions/${sessionId}/roster/import`, csv, { csv: true }));
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details?.errors) && err.status === 400) {
        const list = (err.details!.errors as unknown[]).filter(
          (x): x is RosterRowProblem => typeof x === 'object' && x !== null && 'line' in x,
        );
        if (list.length) {
          setRows(list);
          return;
        }
      }
      setFailure(err);
    }
  };

  return (
    <section className="card">
      <h2>{t('roster.import')}</h2>
      <p className="hint">{t('roster.importHint')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('roster.file')}>
          {({ id }) => (
            <input
              id={id}
              type="file"
              name="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => void readFile(e)}
            />
          )}
        </Field>
        <Field label={t('roster.csv')} error={error}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name="csv"
              rows={6}
              spellCheck={false}
              placeholder={'region_code,expected\nKZ-55,150\nKZ-39,120'}
              value={csv}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setCsv(e.target.value)}
            />
          )}
        </Field>
        {rows.length > 0 && (
          <div className="notice notice-error" role="alert">
            <p>
              <strong>{countText(lang, 'rowsFailed', rows.length)}</strong>
            </p>
            <ul className="row-errors">
              {rows.map((r, i) => (
                <li key={`${r.line}-${i}`}>
                  <strong>{t('roster.line', { n: r.line })}</strong> {rosterRowText(lang, r)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {done && (
          <p className="notice notice-ok" role="status">
            {t('roster.imported')}
          </p>
        )}
        <ErrorNote error={failure} />
        <button type="submit">{t('roster.importButton')}</button>
      </form>
    </section>
  );
}
