import { useState } from 'react';
import { authStore } from '../api/auth-store';
import { ApiError, http } from '../api/http';
import type { LocalizedText } from '../api/types';
import { ErrorNote, Loading } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { inviteText } from '../i18n/invite-strings';
import { useAsync } from '../lib/use-async';

interface Certificate {
  id: string;
  number: string;
  status: 'pending' | 'issued' | 'revoked';
  programTitle: LocalizedText;
  publicName: boolean;
  verifyPath: string;
}

/** "My certificates" on the attendee's home page: download, verification page, name consent. */
export function MyCertificates() {
  const { lang, pick } = useI18n();
  const certs = useAsync(() => http.get<{ items: Certificate[] }>('/me/certificates'), []);
  const [error, setError] = useState<unknown>();

  const download = async (c: Certificate) => {
    setError(undefined);
    const res = await fetch(`/certificates/${c.id}/pdf`, {
      headers: { Authorization: `Bearer ${authStore.get()?.accessToken ?? ''}` },
    });
    if (!res.ok) return setError(new ApiError(res.status, `http_${res.status}`, res.statusText));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${c.number}.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const consent = async (c: Certificate, publicName: boolean) => {
    setError(undefined);
    try {
      const updated = await http.patch<Certificate>(`/me/certificates/${c.id}`, { publicName });
      certs.set({ items: certs.data!.items.map((x) => (x.id === c.id ? { ...x, ...updated } : x)) });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card">
      <h1>{inviteText(lang, 'certs.title')}</h1>
      {certs.loading && !certs.data && <Loading />}
      <ErrorNote error={certs.error ?? error} onRetry={certs.reload} />
      {certs.data && certs.data.items.length === 0 && <p>{inviteText(lang, 'certs.none')}</p>}
      <ul className="list">
        {certs.data?.items.map((c) => (
          <li key={c.id}>
            <strong>{pick(c.programTitle)}</strong> — {inviteText(lang, 'certs.number', { number: c.number })}
            {c.status === 'revoked' ? (
              <span className="badge"> {inviteText(lang, 'certs.revoked')}</span>
            ) : (
              <>
                {' '}
                <button type="button" className="secondary" onClick={() => void download(c)}>
                  {inviteText(lang, 'certs.download')}
                </button>{' '}
                <a href={c.verifyPath}>{inviteText(lang, 'certs.verify')}</a>
                <label>
                  <input
                    type="checkbox"
                    checked={c.publicName}
                    onChange={(e) => void consent(c, e.target.checked)}
                  />{' '}
                  {inviteText(lang, 'certs.publicName')}
                </label>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
