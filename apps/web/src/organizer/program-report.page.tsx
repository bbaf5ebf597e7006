/**
 * The program's attendance report (GET /programs/:id/attendance) and its CSV
 * (GET /programs/:id/attendance.csv, downloaded with the bearer token).
 */
import { useState } from 'react';
import { download, http } from '../api/http';
import type { Program } from '../api/types';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { TableWrap } from '../components/table-wrap';
import { OrgError, useOrgText } from './organizer-ui';

interface Figures {
  expected: number | null;
  registered: number;
  joined: number;
  present: number;
  completed: number;
}
interface RegionLine extends Figures {
  region: { id: number; code: string; names: Record<string, string> } | null;
}
interface Attendee {
  userId: string;
  displayName: string;
  email: string;
  minutes: number;
  sharePercent: number;
  sessionsPresent: number;
  unitsCompleted: number;
  completed: boolean;
}
/** The fields of ProgramAttendanceReportResponse this page shows. */
interface ProgramReport {
  thresholdPercent: number;
  unitsTotal: number;
  unitsRequired: number;
  sessions: number;
  regions: RegionLine[];
  totals: Figures;
  attendees: Attendee[];
}

export function ProgramReportPage({ id }: { id: string }) {
  const { pick, lang } = useI18n();
  const ot = useOrgText();
  const program = useAsync(() => http.get<Program>(`/programs/${id}`), [id]);
  const report = useAsync(() => http.get<ProgramReport>(`/programs/${id}/attendance`), [id]);
  const [failure, setFailure] = useState<unknown>();
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const r = report.data;

  const csv = async () => {
    setFailure(undefined);
    try {
      await download(`/programs/${id}/attendance.csv`, `attendance-program-${id}.csv`);
    } catch (e) {
      setFailure(e);
    }
  };

  const cells = (f: Figures) => (
    <>
      <td>{f.expected ?? '—'}</td>
      <td>{f.registered}</td>
      <td>{f.joined}</td>
      <td>{f.present}</td>
      <td>{f.completed}</td>
    </>
  );
  const heads = (
    <>
      <th scope="col">{ot('report.expected')}</th>
      <th scope="col">{ot('report.registered')}</th>
      <th scope="col">{ot('report.joined')}</th>
      <th scope="col">{ot('report.present')}</th>
      <th scope="col">{ot('report.completed')}</th>
    </>
  );

  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to={`/organizer/programs/${id}`}>{program.data ? pick(program.data.title) : '…'}</Link>
        </p>
        <div className="card-head">
          <h1>{ot('report.title')}</h1>
          <button type="button" className="secondary" onClick={() => void csv()}>
            {ot('report.csv')}
          </button>
        </div>
        <OrgError error={failure} />
        {report.loading && !r && <Loading />}
        <OrgError error={report.error} onRetry={report.reload} />
        {r && (
          <>
            <p className="meta">{ot('report.sessions', { n: r.sessions })}</p>
            <p className="meta">
              {ot('report.rule', {
                percent: whole.format(r.thresholdPercent),
                units: r.unitsRequired,
                total: r.unitsTotal,
              })}
            </p>
          </>
        )}
      </section>
      {r && (
        <section className="card">
          <TableWrap label={ot('report.region')}>
            <table className="numbers">
              <thead>
                <tr>
                  <th scope="col">{ot('report.region')}</th>
                  {heads}
                </tr>
              </thead>
              <tbody>
                {r.regions.map((l) => (
                  <tr key={l.region?.id ?? 'none'}>
                    <th scope="row">{l.region ? pick(l.region.names) : ot('report.noRegion')}</th>
                    {cells(l)}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{ot('report.total')}</th>
                  {cells(r.totals)}
                </tr>
              </tfoot>
            </table>
          </TableWrap>
          {r.attendees.length === 0 ? (
            <p>{ot('report.nobody')}</p>
          ) : (
            <TableWrap label={ot('report.person')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ot('report.person')}</th>
                    <th scope="col">{ot('report.minutes')}</th>
                    <th scope="col">{ot('report.share')}</th>
                    <th scope="col">{ot('report.completed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.attendees.map((a) => (
                    <tr key={a.userId}>
                      <th scope="row">
                        {a.displayName}
                        <br />
                        <small>{a.email}</small>
                      </th>
                      <td>{whole.format(a.minutes)}</td>
                      <td>{whole.format(a.sharePercent)}%</td>
                      <td>{a.completed ? ot('report.yes') : ot('report.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
    </>
  );
}
