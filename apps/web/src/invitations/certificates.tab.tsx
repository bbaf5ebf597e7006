/**
 * A program's certificates: bulk issue with the batch's progress (the worker's jobs), the list
 * with each one's public verification page, revoke and re-issue after a confirmation.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Loading, When, useViewerZone } from '../components/ui';
import { Link } from '../lib/router';
import { useAsync } from '../lib/use-async';
import type { ScopeInfo } from './lists.api';
import {
  batch as loadBatch,
  Batch,
  Certificate,
  certificates,
  downloadCertificatePdf,
  issueCertificates,
  reissueCertificate,
  revokeCertificate,
} from './lists.api';
import type { ListsKey } from './lists-strings';
import { ConfirmDialog, ListsError, useListsText } from './lists-ui';

const CERT_STATUS: Record<string, ListsKey> = {
  pending: 'cert.pending',
  issued: 'cert.issued',
  revoked: 'cert.revoked',
};

/** How often the page asks how a batch (or a pending certificate) is doing. */
const POLL_MS = 1000;

export function CertificatesTab({ info }: { info: ScopeInfo }) {
  const { lt } = useListsText();
  if (info.scope.type === 'session') {
    return (
      <section className="card">
        <h2>{lt('certs.title')}</h2>
        <p>{lt('certs.sessionOnly')}</p>
        <Link to={`/organizer/programs/${info.programId}/invitations/certificates`}>
          {lt('certs.openProgram')}
        </Link>
      </section>
    );
  }
  return <ProgramCertificates programId={info.programId} />;
}

function ProgramCertificates({ programId }: { programId: string }) {
  const { lt, lang, count, num } = useListsText();
  const zone = useViewerZone();
  const list = useAsync(() => certificates(programId), [programId]);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [action, setAction] = useState<{ kind: 'revoke' | 'reissue'; cert: Certificate } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const reasonId = useId();
  const reload = useRef(list.reload);
  reload.current = list.reload;

  // Follow the batch until everything it makes is made, then show the list again.
  useEffect(() => {
    if (!batch || batch.done) return;
    const t = setTimeout(() => {
      loadBatch(batch.id).then(
        (b) => {
          setBatch(b);
          if (b.done) reload.current();
        },
        (e: unknown) => setError(e),
      );
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [batch]);

  // A re-issued certificate is pending until the worker has made its PDF.
  const pending = list.data?.items.some((c) => c.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending || (batch && !batch.done)) return;
    const t = setTimeout(() => reload.current(), POLL_MS);
    return () => clearTimeout(t);
  }, [pending, batch, list.data]);

  const issue = async () => {
    setIssuing(true);
    setError(undefined);
    setDone(null);
    try {
      const b = await issueCertificates(programId);
      setBatch(b);
      if (b.done) list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setIssuing(false);
    }
  };

  const act = async () => {
    if (!action) return;
    setBusy(true);
    setError(undefined);
    const { kind, cert } = action;
    try {
      if (kind === 'revoke') await revokeCertificate(cert.id, reason.trim() || null);
      else await reissueCertificate(cert.id, reason.trim() || null);
      setDone(lt(kind === 'revoke' ? 'certs.revokedDone' : 'certs.reissuedDone', { number: cert.number }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setAction(null);
      setReason('');
    }
  };

  const items = list.data?.items ?? [];
  const running = !!batch && !batch.done;
  return (
    <>
      <section className="card">
        <h2>{lt('certs.title')}</h2>
        <p className="hint">{lt('certs.hint')}</p>
        <div className="actions">
          <button type="button" disabled={issuing || running} onClick={() => void issue()}>
            {lt('certs.issue')}
          </button>
        </div>
        {batch && batch.total > 0 && (
          <div className="batch-progress">
            <label>
              {lt('certs.progressLabel')}
              <progress
                max={batch.total}
                value={batch.issued + batch.revoked}
                aria-valuetext={lt('certs.progress', { issued: num(batch.issued), total: num(batch.total) })}
              />
            </label>
            <p role="status" aria-live="polite">
              {batch.done
                ? lt('certs.finished', { certificates: count('certificates', batch.issued) })
                : lt('certs.progress', { issued: num(batch.issued), total: num(batch.total) })}
            </p>
          </div>
        )}
        {batch && batch.total === 0 && (
          <p className="notice notice-ok" role="status">
            {lt('certs.nobody')}
          </p>
        )}
        <ListsError error={error} />
        {done && (
          <p className="notice notice-ok" role="status">
            {done}
          </p>
        )}
      </section>
      <section className="card" aria-label={lt('certs.title')}>
        {list.loading && !list.data && <Loading />}
        <ListsError error={list.error} onRetry={list.reload} />
        {list.data && items.length === 0 && <p>{lt('certs.none')}</p>}
        <ul className="list certificates">
          {items.map((c) => (
            <li key={c.id} className="list-item" data-certificate={c.number}>
              <div className="list-main">
                <strong>{c.holderName}</strong>
                <span className="meta">
                  {lt('certs.number', { number: c.number })} ·{' '}
                  {lt('certs.hours', {
                    hours: (Math.round((c.minutes / 60) * 10) / 10).toLocaleString(
                      lang === 'en' ? 'en-GB' : 'ru-RU',
                    ),
                  })}
                </span>
                {c.issuedAt && (
                  <span className="meta">
                    {lt('certs.issuedAt', { time: '' })}
                    <When utc={c.issuedAt} zone={zone} />
                  </span>
                )}
                {c.revokedAt && (
                  <span className="meta">
                    {lt('certs.revokedAt', { time: '' })}
                    <When utc={c.revokedAt} zone={zone} />
                    {c.revokeReason && <> · {c.revokeReason}</>}
                  </span>
                )}
                {c.replacesId && <span className="meta">{lt('certs.replaces')}</span>}
              </div>
              <div className="list-actions">
                <span className={`chip chip-cert-${c.status}`}>{lt(CERT_STATUS[c.status])}</span>
                {c.status !== 'pending' && (
                  <a
                    href={`${c.verifyPath}?lang=${lang}`}
                    aria-label={lt('certs.verifyNamed', { number: c.number })}
                    target="_blank"
                    rel="noopener"
                  >
                    {lt('certs.verify')}
                  </a>
                )}
                {c.status !== 'pending' && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={lt('certs.pdfNamed', { name: c.holderName, number: c.number })}
                    onClick={() => {
                      setError(undefined);
                      downloadCertificatePdf(c.id, `${c.number}.pdf`).catch(setError);
                    }}
                  >
                    {lt('certs.pdf')}
                  </button>
                )}
                {c.status === 'issued' && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={lt('certs.revokeNamed', { name: c.holderName, number: c.number })}
                    onClick={() => setAction({ kind: 'revoke', cert: c })}
                  >
                    {lt('certs.revoke')}
                  </button>
                )}
                {c.status !== 'pending' && !items.some((x) => x.replacesId === c.id) && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={lt('certs.reissueNamed', { name: c.holderName, number: c.number })}
                    onClick={() => setAction({ kind: 'reissue', cert: c })}
                  >
                    {lt('certs.reissue')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <ConfirmDialog
        open={!!action}
        question={lt(action?.kind === 'reissue' ? 'certs.reissueTitle' : 'certs.revokeTitle', {
          number: action?.cert.number ?? '',
        })}
        effect={lt(action?.kind === 'reissue' ? 'certs.reissueEffect' : 'certs.revokeEffect')}
        confirmLabel={lt(action?.kind === 'reissue' ? 'certs.reissue' : 'certs.revoke')}
        busy={busy}
        onConfirm={() => void act()}
        onCancel={() => {
          setAction(null);
          setReason('');
        }}
      >
        <div className="field">
          <label htmlFor={reasonId}>{lt('certs.reason')}</label>
          <textarea
            id={reasonId}
            maxLength={500}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </ConfirmDialog>
    </>
  );
}
