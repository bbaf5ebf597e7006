import { useState } from 'react';
import { http } from '../api/http';
import type { Region } from '../api/types';
import { Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';
import { AdminError, ConfirmDialog, useAdminText } from './admin-ui';
import { useInstantText } from './user-bits';

/**
 * Every region, retired ones too. Retiring asks first (people can no longer pick the region);
 * restoring is harmless and does not.
 */
export function RegionsPage() {
  const { at } = useAdminText();
  const { pick } = useI18n();
  const instant = useInstantText();
  const regions = useAsync(() => http.get<Region[]>('/regions?includeRetired=true'), []);
  const [asking, setAsking] = useState<Region>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const act = async (region: Region, action: 'retire' | 'restore') => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      const updated = await http.post<Region>(`/regions/${region.id}/${action}`);
      regions.set((regions.data ?? []).map((r) => (r.id === updated.id ? updated : r)));
      setDone(
        at(action === 'retire' ? 'regions.retiredNow' : 'regions.restoredNow', { name: pick(updated.names) }),
      );
    } catch (err) {
      setFailure(err);
      // Someone else may have changed it meanwhile: show what stands now.
      regions.reload();
    } finally {
      setBusy(false);
      setAsking(undefined);
    }
  };

  return (
    <section className="card">
      <h1>{at('admin.regions')}</h1>
      {regions.loading && !regions.data && <Loading />}
      <AdminError error={regions.error} onRetry={regions.reload} />
      <AdminError error={failure} />
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      {regions.data && (
        <ul className="list">
          {regions.data.map((r) => {
            const name = pick(r.names);
            return (
              <li key={r.id} className="list-item">
                <div className="list-main">
                  <strong>{name}</strong>
                  <span className="meta">
                    {r.code} · {r.timeZone}
                  </span>
                  <span>
                    {r.retiredAt ? (
                      <span className="chip chip-retired">
                        {at('regions.retiredSince', { time: instant(r.retiredAt) })}
                      </span>
                    ) : (
                      <span className="chip chip-active">{at('regions.active')}</span>
                    )}
                  </span>
                </div>
                <div className="list-actions">
                  {r.retiredAt ? (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={at('regions.restore', { name })}
                      onClick={() => void act(r, 'restore')}
                    >
                      {at('regions.restoreShort')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={at('regions.retire', { name })}
                      onClick={() => setAsking(r)}
                    >
                      {at('regions.retireConfirm')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={!!asking}
        question={asking ? at('regions.retireQuestion', { name: pick(asking.names) }) : ''}
        effect={at('regions.retireEffect')}
        confirmLabel={at('regions.retireConfirm')}
        busy={busy}
        onConfirm={() => asking && void act(asking, 'retire')}
        onCancel={() => setAsking(undefined)}
      />
    </section>
  );
}
