/**
 * After the session: attendance per region and per registered person (the gateway's intervals,
 * reported by the api) in the report's words — joined, present, completed — with a legend that
 * says what each means, the CSV download, and who completed the program.
 */
import { useState } from 'react';
import { ApiError, download, http } from '../api/http';
import type { Session } from '../api/types';
import { ErrorNote, Loading } from '../components/ui';
import { TableWrap } from '../components/table-wrap';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { useAsync } from '../lib/use-async';
import { formatPercent, orDash } from '../lib/format';
import {
  AttendanceReport,
  attendanceCsvPath,
  ReportFigures,
  attendanceReportPath,
  completionsPath,
  normalizeCompletions,
  normalizeReport,
} from './reports.client';

export function ReportTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
  const regions = useRegions();
  const report = useAsync(
    async () => normalizeReport(await http.get<unknown>(attendanceReportPath(session.id))),
    [session.id],
  );
  const [failure, setFailure] = useState<unknown>();
  const regionName = (id: number | null, given?: { names?: Record<string, string> } | null) => {
    if (given?.names) return pick(given.names);
    if (id === null) return t('dashboard.noRegion');
    const r = regions.data?.find((x) => x.id === id);
    return r ? pick(r.names) : `#${id}`;
  };
  const unavailable = report.error instanceof ApiError && report.error.status === 404;

  const csv = async () => {
    setFailure(undefined);
    try {
      await download(attendanceCsvPath(session.id), `attendance-${session.id}.csv`);
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <>
      <section className="card">
        <div className="card-head">
          <h2>{t('report.title')}</h2>
          <button type="button" className="secondary" onClick={() => void csv()}>
            {t('report.csv')}
          </button>
        </div>
        {report.loading && !report.data && <Loading />}
        {unavailable ? (
          <p>{t('report.unavailable')}</p>
        ) : (
          <ErrorNote error={report.error} onRetry={report.reload} />
        )}
        <ErrorNote error={failure} />
        {report.data && <ReportTables report={report.data} regionName={regionName} />}
      </section>
      <Completions programId={session.program.id} />
    </>
  );
}

function ReportTables({
  report,
  regionName,
}: {
  report: AttendanceReport;
  regionName(id: number | null, given?: { names?: Record<string, string> } | null): string;
}) {
  const { t, lang } = useI18n();
  // Figures for people: rounded, with the language's decimal sign ("0,4", not 0.39999999999999997).
  const num = (v: number | null) => orDash(v, lang);
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('report.yes') : t('report.no'));
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, lang));
  const cells = (f: ReportFigures) => (
    <>
      <td>{num(f.expected)}</td>
      <td>{num(f.registered)}</td>
      <td>{num(f.joined)}</td>
      <td>{num(f.present)}</td>
      <td>{num(f.completed)}</td>
      <td>{pct(f.coveragePercent)}</td>
      <td>{pct(f.presentPercent)}</td>
      <td>{num(f.medianMinutes)}</td>
    </>
  );
  return (
    <>
      <p className="hint">{t('report.legend', { threshold: report.thresholdPercent ?? '—' })}</p>
      <h3>{t('report.byRegion')}</h3>
      <TableWrap label={t('report.byRegion')}>
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">{t('registrations.region')}</th>
              <th scope="col">{t('roster.expected')}</th>
              <th scope="col">{t('roster.registered')}</th>
              <th scope="col">{t('report.joined')}</th>
              <th scope="col">{t('report.present')}</th>
              <th scope="col">{t('report.completed')}</th>
              <th scope="col">{t('report.coverage')}</th>
              <th scope="col">{t('report.presentRate')}</th>
              <th scope="col">{t('report.median')}</th>
            </tr>
          </thead>
          <tbody>
            {report.regions.map((r) => (
              <tr key={r.regionId ?? 'none'}>
                <th scope="row">{regionName(r.regionId, r.region)}</th>
                {cells(r)}
              </tr>
            ))}
          </tbody>
          {report.totals && (
            <tfoot>
              <tr>
                <th scope="row">{t('roster.totals')}</th>
                {cells(report.totals)}
              </tr>
            </tfoot>
          )}
        </table>
      </TableWrap>
      <h3>{t('report.byAttendee')}</h3>
      {report.attendees.length === 0 && <p className="hint">{t('report.noAttendees')}</p>}
      {report.attendees.length > 0 && (
        <TableWrap label={t('report.byAttendee')}>
          <table className="numbers">
            <thead>
              <tr>
                <th scope="col">{t('registrations.person')}</th>
                <th scope="col" className="text">
                  {t('registrations.region')}
                </th>
                <th scope="col">{t('report.minutes')}</th>
                <th scope="col">{t('report.share')}</th>
                <th scope="col">{t('report.present')}</th>
                <th scope="col">{t('report.completed')}</th>
              </tr>
            </thead>
            <tbody>
              {report.attendees.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.displayName ?? a.userId}</th>
                  <td className="text">{regionName(a.regionId)}</td>
                  <td>{num(a.minutes)}</td>
                  <td>{pct(a.sharePercent)}</td>
                  <td>{yesNo(a.present)}</td>
                  <td>{yesNo(a.completed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function Completions({ programId }: { programId: string }) {
  const { t } = useI18n();
  const data = useAsync(
    async () => normalizeCompletions(await http.get<unknown>(completionsPath(programId))),
    [programId],
  );
  const unavailable = data.error instanceof ApiError && data.error.status === 404;
  return (
    <section className="card">
      <h2>{t('report.completions')}</h2>
      {data.loading && !data.data && <Loading />}
      {unavailable ? (
        <p>{t('report.unavailable')}</p>
      ) : (
        <ErrorNote error={data.error} onRetry={data.reload} />
      )}
      {data.data && data.data.length === 0 && <p className="hint">{t('report.noCompletions')}</p>}
      {data.data && data.data.length > 0 && (
        <ul className="list">
          {data.data.map((c) => (
            <li key={c.userId} className="list-item">
              <div className="list-main">
                <strong>{c.displayName ?? c.userId}</strong>
                <span className="meta">
                  {t('report.modulesDone', { done: c.modulesCompleted, of: c.modulesTotal })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
