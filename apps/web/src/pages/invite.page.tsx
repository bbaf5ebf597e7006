import { FormEvent, useState } from 'react';
import { ApiError, http } from '../api/http';
import type { LocalizedText } from '../api/types';
import { ErrorNote, Loading, useViewerZone, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { inviteText, InviteKey } from '../i18n/invite-strings';
import { useAsync } from '../lib/use-async';

interface Invitation {
  inviteeId: string;
  fullName: string;
  status: 'listed' | 'invited' | 'registered' | 'declined' | 'bounced';
  programTitle: LocalizedText;
  sessionTitle: LocalizedText | null;
  startAt: string | null;
  canSetPassword: boolean;
}

/**
 * The landing page of a personal invitation link (no sign-in: the link is the credential).
 * Opening it changes nothing — mail scanners open links too; the buttons do.
 */
export function InvitePage({ token }: { token: string }) {
  const { lang, pick } = useI18n();
  const zone = useViewerZone();
  const tx = (key: InviteKey, vars?: Record<string, string>) => inviteText(lang, key, vars);
  const base = `/invitations/${encodeURIComponent(token)}`;
  const inv = useAsync(() => http.get<Invitation>(base, { anonymous: true }), [base]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [passwordSaved, setPasswordSaved] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = () =>
    act(async () => inv.set(await http.post<Invitation>(`${base}/accept`, undefined, { anonymous: true })));
  const decline = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => {
      inv.set(
        await http.post<Invitation>(`${base}/decline`, { reason: reason || null }, { anonymous: true }),
      );
      setDeclining(false);
    });
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    return act(async () => {
      await http.post(`${base}/password`, { password }, { anonymous: true });
      setPasswordSaved(true);
    });
  };

  if (inv.loading && !inv.data) return <Loading />;
  if (inv.error instanceof ApiError && inv.error.status === 404) {
    return (
      <section className="card narrow">
        <h1>{tx('invite.title')}</h1>
        <p role="alert">{tx('invite.invalid')}</p>
      </section>
    );
  }
  if (!inv.data) return <ErrorNote error={inv.error} onRetry={inv.reload} />;
  const i = inv.data;
  return (
    <section className="card narrow">
      <h1>{tx('invite.title')}</h1>
      <p>{tx('invite.hello', { name: i.fullName })}</p>
      <p>
        {tx('invite.to')} <strong>{pick(i.sessionTitle ?? i.programTitle)}</strong>
        {i.sessionTitle && <> ({pick(i.programTitle)})</>}
      </p>
      {i.startAt && (
        <p>
          {tx('invite.starts')} <When utc={i.startAt} zone={zone} />
        </p>
      )}
      <ErrorNote error={error} />
      {i.status === 'registered' ? (
        <p className="notice" role="status">
          {tx('invite.registered')}
        </p>
      ) : (
        <>
          {i.status === 'declined' && <p className="notice">{tx('invite.declined')}</p>}
          <p>
            <button type="button" onClick={accept} disabled={busy}>
              {tx('invite.register')}
            </button>{' '}
            {i.status !== 'declined' && !declining && (
              <button type="button" className="secondary" onClick={() => setDeclining(true)} disabled={busy}>
                {tx('invite.decline')}
              </button>
            )}
          </p>
          {declining && (
            <form onSubmit={decline}>
              <label>
                {tx('invite.reason')}
                <textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
              </label>
              <button type="submit" className="secondary" disabled={busy}>
                {tx('invite.declineSend')}
              </button>
            </form>
          )}
        </>
      )}
      {i.canSetPassword && !passwordSaved && (
        <form onSubmit={savePassword}>
          <h2>{tx('invite.password')}</h2>
          <label>
            {tx('invite.passwordLabel')}
            <input
              type="password"
              autoComplete="new-password"
              minLength={8}
              maxLength={200}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {tx('invite.passwordSave')}
          </button>
        </form>
      )}
      {passwordSaved && (
        <p className="notice" role="status">
          {tx('invite.passwordSaved')}
        </p>
      )}
    </section>
  );
}
