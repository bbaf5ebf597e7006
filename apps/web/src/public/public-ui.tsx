/** Pieces the public and account pages share: both clocks, seats, regions, errors, confirmations. */
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useViewerZone } from '../components/ui';
import { seatsLeftText } from '../i18n/public-strings';
import { dateTimeText, offsetLabel, timeText } from '../lib/clock';
import type { PublicSessionSummary, RegionRef, TimeView } from './public-types';
import { usePublicI18n } from './public-i18n';

/** A zone as people read it: its IANA name and its UTC offset at that instant. */
const zoneLabel = (utc: string, zone: string) => `${zone}, ${offsetLabel(utc, zone)}`;

/**
 * The start (and end) in the visitor's zone, and in the session's own zone: both always named,
 * so "12:00" is never ambiguous between Kostanay and Almaty.
 */
export function BothClocks({ start, end, zone }: { start: TimeView; end?: TimeView; zone: string }) {
  const { lang, p } = usePublicI18n();
  const viewer = useViewerZone();
  const range = (z: string) =>
    `${dateTimeText(start.utc, z, lang)}${end ? `–${timeText(end.utc, z)}` : ''} (${zoneLabel(start.utc, z)})`;
  return (
    <dl className="facts clocks">
      <div>
        <dt>{p('pub.session.yourTime')}</dt>
        <dd>
          <time dateTime={start.utc}>{range(viewer)}</time>
        </dd>
      </div>
      {zone !== viewer && (
        <div>
          <dt>{p('pub.session.sessionTime')}</dt>
          <dd>{range(zone)}</dd>
        </div>
      )}
    </dl>
  );
}

/** One line for a list: the visitor's time, and the session's when its clock reads otherwise. */
export function ShortWhen({ start, end, zone }: { start: TimeView; end: TimeView; zone: string }) {
  const { lang } = usePublicI18n();
  const viewer = useViewerZone();
  const own = timeText(start.utc, zone) !== timeText(start.utc, viewer) || zone !== viewer;
  return (
    <span className="when">
      <time dateTime={start.utc}>
        {dateTimeText(start.utc, viewer, lang)}–{timeText(end.utc, viewer)}
      </time>{' '}
      <span className="zone">({zoneLabel(start.utc, viewer)})</span>
      {own && (
        <span className="record-zone">
          {' · '}
          {timeText(start.utc, zone)}–{timeText(end.utc, zone)} ({zoneLabel(start.utc, zone)})
        </span>
      )}
    </span>
  );
}

export function SeatsText({ s }: { s: Pick<PublicSessionSummary, 'seatsLeft' | 'capacity'> }) {
  const { lang, p } = usePublicI18n();
  if (s.seatsLeft == null) return <>{p('pub.session.unlimited')}</>;
  if (s.seatsLeft === 0) return <>{p('pub.session.full')}</>;
  return <>{seatsLeftText(lang, s.seatsLeft)}</>;
}

export function RegionsText({ regions }: { regions: RegionRef[] }) {
  const { lang, p } = usePublicI18n();
  if (!regions.length) return <>{p('pub.session.allRegions')}</>;
  return <>{regions.map((r) => r.names[lang] || r.names.ru || r.code).join(', ')}</>;
}

/** A failure in the visitor's language, with a retry when there is one. */
export function PublicError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { explain, p } = usePublicI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{explain(error)}</strong>
      </p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {p('err.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * A button for an irreversible step that asks first, in the shared confirmation dialog (focus
 * lands on "no", so Enter twice does not undo anything by accident, and returns to the button).
 */
export function ConfirmButton({
  label,
  question,
  yes,
  no,
  onConfirm,
  busy,
  className = 'secondary',
}: {
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void | Promise<void>;
  busy?: boolean;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  // Keyboard users land back on the button they started from once the question is answered.
  useEffect(() => {
    if (!asking && answered.current) opener.current?.focus();
  }, [asking]);
  const close = () => {
    answered.current = true;
    setAsking(false);
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={className}
        onClick={() => setAsking(true)}
        disabled={busy}
      >
        {label}
      </button>
      {/* Mounted only while asking: no hidden "yes"/"no" buttons linger in the page. */}
      {asking && (
        <ConfirmDialog
          open
          question={question}
          confirmLabel={yes}
          cancelLabel={no}
          busy={busy}
          onConfirm={async () => {
            await onConfirm();
            close();
          }}
          onCancel={close}
        />
      )}
    </>
  );
}
