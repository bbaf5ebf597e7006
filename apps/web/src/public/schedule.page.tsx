import { DateTime } from 'luxon';
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useAuth } from '../api/auth-store';
import { http } from '../api/http';
import { Loading, useViewerZone } from '../components/ui';
import { navigate, useLocation } from '../lib/router';
import { dayText } from '../lib/clock';
import { useRegions } from '../lib/regions';
import { useAsync } from '../lib/use-async';
import { SessionList } from './program.page';
import { usePublicI18n } from './public-i18n';
import type { PageOf, PublicSessionSummary } from './public-types';
import { PublicError } from './public-ui';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The schedule by region and day ("today in Pavlodar"): the day is the region's local day (the
 * API reads `date` in the region's zone), sessions aimed at that region or at every region. The
 * choice lives in the address (?region=&date=), so a schedule can be shared too.
 */
export function SchedulePage() {
  const { p, lang } = usePublicI18n();
  const { auth } = useAuth();
  const loc = useLocation();
  const viewer = useViewerZone();
  const regions = useRegions();
  const active = useMemo(
    () =>
      (regions.data ?? [])
        .filter((r) => !r.retiredAt)
        .sort((a, b) => (a.names[lang] || a.code).localeCompare(b.names[lang] || b.code, lang)),
    [regions.data, lang],
  );

  const regionParam = loc.query.get('region');
  const regionId = regionParam ? Number(regionParam) : (auth?.user.homeRegionId ?? null);
  const region = active.find((r) => r.id === regionId) ?? null;
  const zone = region?.timeZone ?? viewer;
  const today = DateTime.now().setZone(zone).toISODate()!;
  const dateParam = loc.query.get('date');
  const date = dateParam && DAY.test(dateParam) ? dateParam : today;

  const sessions = useAsync(async () => {
    const q = new URLSearchParams({ date, pageSize: '100', tz: zone });
    if (regionId) q.set('regionId', String(regionId));
    return http.get<PageOf<PublicSessionSummary>>(`/public/sessions?${q.toString()}`, { anonymous: true });
  }, [date, regionId, zone]);

  const go = (next: { region?: number | null; date?: string }) => {
    const q = new URLSearchParams();
    const r = next.region === undefined ? regionId : next.region;
    if (r) q.set('region', String(r));
    q.set('date', next.date ?? date);
    navigate(`/schedule?${q.toString()}`, { replace: true });
  };
  const shift = (days: number) => go({ date: DateTime.fromISO(date, { zone }).plus({ days }).toISODate()! });

  const [typed, setTyped] = useState(date);
  useEffect(() => setTyped(date), [date]);
  const submitDate = (e: FormEvent) => {
    e.preventDefault();
    if (DAY.test(typed)) go({ date: typed });
  };

  const regionName = region ? region.names[lang] || region.code : null;
  const dayWords = dayText(date, lang);
  const heading =
    date === today
      ? regionName
        ? p('pub.schedule.today', { region: regionName })
        : p('pub.schedule.todayAll')
      : regionName
        ? p('pub.schedule.onDay', { date: dayWords, region: regionName })
        : p('pub.schedule.onDayAll', { date: dayWords });

  return (
    <section className="card">
      <p className="crumbs">{p('pub.schedule.title')}</p>
      <h1>{heading}</h1>
      <form className="form row" onSubmit={submitDate}>
        <div className="field">
          <label htmlFor="schedule-region">{p('pub.schedule.region')}</label>
          <select
            id="schedule-region"
            value={regionId ?? ''}
            onChange={(e) => go({ region: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{p('pub.schedule.allRegions')}</option>
            {active.map((r) => (
              <option key={r.id} value={r.id}>
                {r.names[lang] || r.code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schedule-date">{p('pub.schedule.date')}</label>
          <input
            id="schedule-date"
            type="date"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (DAY.test(e.target.value)) go({ date: e.target.value });
            }}
          />
        </div>
      </form>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => shift(-1)}>
          {p('pub.schedule.prev')}
        </button>
        <button type="button" className="secondary" onClick={() => shift(1)}>
          {p('pub.schedule.next')}
        </button>
      </div>
      <p className="hint">{p('pub.schedule.zoneNote', { zone: viewer })}</p>
      {(sessions.loading || regions.loading) && !sessions.data && <Loading />}
      <PublicError error={sessions.error ?? regions.error} onRetry={sessions.reload} />
      {sessions.data && sessions.data.items.length === 0 && <p>{p('pub.schedule.none')}</p>}
      {sessions.data && sessions.data.items.length > 0 && (
        <SessionList sessions={sessions.data.items} ready />
      )}
    </section>
  );
}
