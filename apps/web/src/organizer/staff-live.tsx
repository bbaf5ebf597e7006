import { useI18n } from '../i18n/i18n';
import type { LiveSession } from '../live/use-live';

/** What the staff socket is doing, said plainly: connecting, lost, refused, no right. */
export function StaffConnectionState({ live }: { live: LiveSession }) {
  const { t } = useI18n();
  if (live.status === 'refused') {
    return (
      <p className="notice notice-error" role="alert">
        {t('live.refused')} {t('auth.expired')}
      </p>
    );
  }
  if (live.status === 'reconnecting') {
    return (
      <p className="notice notice-warn" role="status">
        {t('live.reconnecting')}
      </p>
    );
  }
  if (live.recovered) {
    return (
      <p className="notice notice-ok" role="status">
        {t('live.reconnected')}
      </p>
    );
  }
  if (live.join.kind === 'refused') {
    return (
      <p className="notice notice-error" role="alert">
        {live.join.error.code === 'forbidden' ? t('live.noRight') : live.join.error.message}
      </p>
    );
  }
  if (live.join.kind === 'joining') {
    return (
      <p className="loading" role="status">
        {t('live.connecting')}
      </p>
    );
  }
  return null;
}
