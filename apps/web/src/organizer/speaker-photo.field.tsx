import { ChangeEvent, useEffect, useRef, useState } from 'react';
import { authStore } from '../api/auth-store';
import { ApiError, http, refreshSignIn } from '../api/http';
import type { Speaker } from '../api/types';
import { ErrorNote } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { useConfirm } from './organizer-ui';
import { photoError, photoText } from './speaker-photo-strings';

/** As the API refuses (413); checked here first so a big file is not sent for nothing. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * The console's copy of a photo comes from an authenticated route (speakers of drafts included),
 * which an <img src> cannot call with a bearer token: it is fetched and shown as a data: URL
 * (the CSP allows 'self' and data: images). Versioned URLs never change their bytes, so each is
 * fetched once per page load.
 */
const loaded = new Map<string, Promise<string>>();

async function fetchAsDataUrl(url: string): Promise<string> {
  const go = () => {
    const token = authStore.get()?.accessToken;
    return fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  };
  let res = await go();
  if (res.status === 401 && (await refreshSignIn())) res = await go();
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(res.status, body.error ?? `http_${res.status}`, body.message ?? res.statusText);
  }
  return readAsDataUrl(await res.blob());
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new ApiError(0, 'read', 'The file could not be read'));
    reader.readAsDataURL(blob);
  });
}

function useConsolePhoto(url: string | null | undefined): { src?: string; error?: unknown } {
  const [state, setState] = useState<{ url?: string; src?: string; error?: unknown }>({});
  useEffect(() => {
    if (!url) return;
    let live = true;
    let p = loaded.get(url);
    if (!p) {
      p = fetchAsDataUrl(url);
      loaded.set(url, p);
      p.catch(() => loaded.delete(url));
    }
    p.then(
      (src) => live && setState({ url, src }),
      (error) => live && setState({ url, error }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return url && state.url === url ? state : {};
}

/** A small round photo beside a speaker's name in the list (nothing when there is none). */
export function SpeakerThumb({ speaker }: { speaker: Speaker }) {
  const { src } = useConsolePhoto(speaker.photoUrl);
  if (!src) return null;
  return <img className="speaker-thumb" src={src} alt={speaker.fullName} width={48} height={48} />;
}

/** Upload, replace (with a preview first) or remove a speaker's photo. */
export function SpeakerPhotoField({ speaker, onChanged }: { speaker: Speaker; onChanged(): void }) {
  const { lang } = useI18n();
  const pt = (key: Parameters<typeof photoText>[1], vars?: Record<string, string>) =>
    photoText(lang, key, vars);
  const current = useConsolePhoto(speaker.photoUrl);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const [dialog, confirm] = useConfirm();
  const input = useRef<HTMLInputElement>(null);
  const id = `photo-${speaker.id}`;

  const clear = () => {
    setFile(null);
    setPreview(null);
    if (input.current) input.current.value = '';
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    setFailure(undefined);
    setDone(null);
    setPreview(null);
    setFile(f);
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setFailure(new ApiError(413, 'payload_too_large', 'The photo is larger than 2 MB'));
      return;
    }
    try {
      setPreview(await readAsDataUrl(f));
    } catch (err) {
      setFailure(err);
    }
  };

  const act = async (work: () => Promise<unknown>, outcome: 'saved' | 'removed') => {
    setBusy(true);
    setFailure(undefined);
    setDone(null);
    try {
      await work();
      clear();
      setDone(outcome);
      onChanged();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  // The bytes decide what the photo is (the server checks them), not the name or type the
  // browser guessed: sent as they are.
  const upload = () =>
    file &&
    act(
      () => http.put(`/speakers/${speaker.id}/photo`, file, { contentType: 'application/octet-stream' }),
      'saved',
    );

  const remove = async () => {
    const yes = await confirm({
      title: pt('photo.confirmTitle', { name: speaker.fullName }),
      body: pt('photo.confirmBody'),
      action: pt('photo.remove'),
    });
    if (yes) await act(() => http.del(`/speakers/${speaker.id}/photo`), 'removed');
  };

  const known = failure instanceof ApiError ? photoError(lang, failure.code) : undefined;
  const tooBig = failure instanceof ApiError && failure.code === 'payload_too_large' && !!file;

  return (
    <fieldset className="speaker-photo-field">
      <legend>{pt('photo.legend')}</legend>
      <div className="speaker-photo-row">
        {current.src ? (
          <img
            className="speaker-photo-large"
            src={current.src}
            alt={pt('photo.current', { name: speaker.fullName })}
            width={96}
            height={96}
          />
        ) : (
          !speaker.photoUrl && <p className="meta">{pt('photo.none')}</p>
        )}
        {preview && (
          <img
            className="speaker-photo-large preview"
            src={preview}
            alt={pt('photo.preview', { name: speaker.fullName })}
            width={96}
            height={96}
            onError={() => setPreview(null)}
          />
        )}
      </div>
      {/* The browser's own file button speaks the browser's language, not the page's: it stays
          keyboard-focusable but hidden, and its label is the button people see. */}
      <div className="photo-picker">
        <input
          ref={input}
          id={id}
          className="visually-hidden"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={`${id}-hint`}
          onChange={choose}
          disabled={busy}
        />
        <label htmlFor={id} className="button secondary">
          {pt('photo.choose')}
        </label>
        {file && <span className="meta">{file.name}</span>}
        <p className="hint" id={`${id}-hint`}>
          {pt('photo.hint')}
        </p>
      </div>
      {known ? (
        <p className="error" role="alert">
          {known}
        </p>
      ) : (
        failure !== undefined && <ErrorNote error={failure} />
      )}
      {current.error !== undefined && !known && (
        <p className="error">{photoError(lang, (current.error as ApiError).code ?? '') ?? ''}</p>
      )}
      {done && (
        <p className="notice" role="status">
          {pt(done === 'saved' ? 'photo.saved' : 'photo.removed')}
        </p>
      )}
      <div className="actions">
        {file && !tooBig && (
          <button type="button" onClick={upload} disabled={busy}>
            {pt(speaker.photoUrl ? 'photo.replace' : 'photo.upload')}
          </button>
        )}
        {file && (
          <button type="button" className="secondary" onClick={clear} disabled={busy}>
            {pt('photo.discard')}
          </button>
        )}
        {speaker.photoUrl && !file && (
          <button type="button" className="danger" onClick={remove} disabled={busy}>
            {pt('photo.remove')}
          </button>
        )}
      </div>
      {dialog}
    </fieldset>
  );
}
