/**
 * The live dashboard: per region, people live now against the people expected (roster), with
 * coverage (joined / expected, the report's coverage too), peak and totals, updated from
 * attendance:update without a reload. A coordinator's figures come scoped to their regions from
 * the gateway itself.
 */
import type { AttendanceFigures, AttendanceRegionLine } from '@qatys/contracts/live-events';
import { authStore } from '../api/auth-store';
import type { Session } from '../api/types';
import { Bar, ErrorNote, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { timeText } from '../lib/time';
import { useViewerZone } from '../components/ui';
import { renewSignIn, useLiveSession } from '../live/use-live';
import { StaffConnectionState } from './staff-live';

export default function LiveDashboardTab({ session }: { session: Session }) {
  const { t, pick } = useI18n();
  const regions = useRegions();
  const zone = useViewerZone();
  const live = useLiveSession(session.id, {
    token: () => authStore.get()?.accessToken,
    renewToken: renewSignIn,
    enabled: true,
  });
  const a = live.attendance;
  const nameOf = (id: number | null) => {
    if (id === null) return t('dashboard.noRegion');
    const r = regions.data?.find((x) => x.id === id);
    return r ? pick(r.names) : `#${id}`;
  };
  const lines = [...(a?.regions ?? [])].sort(
    (x, y) =>
      (y.expected ?? 0) - (x.expected ?? 0) ||
      y.live - x.live ||
      nameOf(x.regionId).localeCompare(nameOf(y.regionId)),
  );

  return (
    <section className="card dashboard" aria-labelledby="dash-title">
      <h2 id="dash-title">{t('tab.live')}</h2>
      <StaffConnectionState live={live} />
      <ErrorNote error={regions.error} />
      {live.join.kind === 'joined' && !a && <Loading />}
      {a && (
        <>
          <Totals totals={a.totals} />
          <p className="hint">{t('dashboard.legend')}</p>
          <p className="meta" aria-live="off">
            {t('dashboard.updated', { time: timeText(a.at, zone) })}
          </p>
          {lines.length === 0 && <p>{t('dashboard.empty')}</p>}
          <ul className="regions-bars">
            {lines.map((l) => (
              <RegionLine key={l.regionId ?? 'none'} line={l} name={nameOf(l.regionId)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** `joined`; a gateway of the first version sends the same number as `attended` only. */
const joinedOf = (f: AttendanceFigures) => f.joined ?? f.attended;

function Totals({ totals }: { totals: AttendanceFigures }) {
  const { t } = useI18n();
  return (
    <dl className="totals" data-testid="totals">
      <div>
        <dt>{t('dashboard.liveNow')}</dt>
        <dd data-figure="live">{totals.live}</dd>
      </div>
      <div>
        <dt>{t('dashboard.expected')}</dt>
        <dd data-figure="expected">{totals.expected ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('dashboard.coverage')}</dt>
        <dd data-figure="coverage">{totals.coveragePercent === null ? '—' : `${totals.coveragePercent}%`}</dd>
      </div>
      <div>
        <dt>{t('dashboard.peak')}</dt>
        <dd data-figure="peak">{totals.peak}</dd>
      </div>
      <div>
        <dt>{t('dashboard.joined')}</dt>
        <dd data-figure="joined">{joinedOf(totals)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.registered')}</dt>
        <dd data-figure="registered">{totals.registered}</dd>
      </div>
    </dl>
  );
}

function RegionLine({ line: l, name }: { line: AttendanceRegionLine; name: string }) {
  const { t } = useI18n();
  const max = Math.max(l.expected ?? 0, l.registered, l.live, 1);
  return (
    <li className="region-line" data-region-id={l.regionId ?? 'none'}>
      <div className="region-head">
        <strong>{name}</strong>
        <span className="region-figures">
          <span data-figure="live">{l.live}</span> / <span data-figure="expected">{l.expected ?? '—'}</span>
          {l.coveragePercent !== null && <span className="coverage"> · {l.coveragePercent}%</span>}
        </span>
      </div>
      <Bar
        value={l.live}
        max={max}
        label={t('dashboard.barLabel', { live: l.live, expected: l.expected ?? '—' })}
      />
      <p className="meta">
        {t('dashboard.lineMeta', { peak: l.peak, joined: joinedOf(l), registered: l.registered })}
      </p>
    </li>
  );
}
