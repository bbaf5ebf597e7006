/**
 * The live dashboard: per region, people live now, and apart from it how many of the people
 * expected (roster) have joined so far, with coverage (joined / expected, the report's coverage
 * too), peak and totals, updated from attendance:update without a reload. Live-now and
 * joined-so-far are never written as one fraction ("0 / 3 · 33 %" read as a contradiction). A
 * coordinator's figures come scoped to their regions from the gateway itself.
 */
import { Fragment, type ReactNode } from 'react';
import type { AttendanceFigures, AttendanceRegionLine } from '@qatys/contracts/live-events';
import { authStore } from '../api/auth-store';
import type { Session } from '../api/types';
import { Bar, ErrorNote, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useRegions } from '../lib/regions';
import { timeWithZone } from '../lib/time';
import { formatNumber, formatPercent } from '../lib/format';
import { extraText } from '../i18n/extra-strings';
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
            {t('dashboard.updated', { time: timeWithZone(a.at, zone) })}
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
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  return (
    <dl className="totals" data-testid="totals">
      <div>
        <dt>{t('dashboard.liveNow')}</dt>
        <dd data-figure="live">{n(totals.live)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.expected')}</dt>
        <dd data-figure="expected">{totals.expected === null ? '—' : n(totals.expected)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.coverage')}</dt>
        <dd data-figure="coverage">
          {totals.coveragePercent === null ? '—' : formatPercent(totals.coveragePercent, lang)}
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.peak')}</dt>
        <dd data-figure="peak">{n(totals.peak)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.joined')}</dt>
        <dd data-figure="joined">{n(joinedOf(totals))}</dd>
      </div>
      <div>
        <dt>{t('dashboard.registered')}</dt>
        <dd data-figure="registered">{n(totals.registered)}</dd>
      </div>
    </dl>
  );
}

/** A translated sentence with elements in place of its {placeholders} (word order differs by language). */
function withElements(sentence: string, parts: Record<string, ReactNode>): ReactNode[] {
  return sentence.split(/(\{\w+\})/).map((piece, i) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return name && name in parts ? <Fragment key={i}>{parts[name]}</Fragment> : piece;
  });
}

function RegionLine({ line: l, name }: { line: AttendanceRegionLine; name: string }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const max = Math.max(l.expected ?? 0, l.registered, l.live, 1);
  const joined = joinedOf(l);
  // "joined 1 of 3" with each figure in its own element (the tests and screen readers find them).
  const joinedSentence = withElements(
    extraText(lang, l.expected === null ? 'dashboard.joinedNoRoster' : 'dashboard.joinedOf'),
    {
      joined: <span data-figure="joined">{n(joined)}</span>,
      expected: <span data-figure="expected">{l.expected === null ? '—' : n(l.expected)}</span>,
    },
  );
  return (
    <li className="region-line" data-region-id={l.regionId ?? 'none'}>
      <div className="region-head">
        <strong>{name}</strong>
        <span className="region-figures">
          <span className="live-now">
            <span data-figure="live">{n(l.live)}</span> {extraText(lang, 'dashboard.liveShort')}
          </span>
          <span className="joined-so-far">
            {joinedSentence}
            {l.coveragePercent !== null && (
              <span className="coverage" data-figure="coverage">
                {' '}
                ({formatPercent(l.coveragePercent, lang)})
              </span>
            )}
          </span>
        </span>
      </div>
      <Bar
        value={l.live}
        max={max}
        label={t('dashboard.barLabel', {
          live: n(l.live),
          expected: l.expected === null ? '—' : n(l.expected),
        })}
      />
      <p className="meta">
        {t('dashboard.lineMeta', { peak: n(l.peak), joined: n(joined), registered: n(l.registered) })}
      </p>
    </li>
  );
}
