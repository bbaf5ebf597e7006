import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { LocalizedText, Page, Speaker } from '../api/types';
import { ErrorNote, Field, Loading } from '../components/ui';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { useAsync } from '../lib/use-async';
import { cleanText, LocalizedInputs, splitApiError } from './forms';
import { OrgError, useOrgText } from './organizer-ui';
import { SpeakerPhotoField, SpeakerThumb } from './speaker-photo.field';

export function SpeakersPage() {
  const { t } = useI18n();
  const ot = useOrgText();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const [editing, setEditing] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const speakers = useAsync(
    () =>
      http.get<Page<Speaker>>(
        `/speakers?pageSize=100${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`,
      ),
    [q],
  );
  return (
    <>
      <section className="card">
        <h1>{t('nav.speakers')}</h1>
        <Field label={t('speakers.search')}>
          {({ id }) => (
            <input id={id} type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
          )}
        </Field>
        {speakers.loading && !speakers.data && <Loading />}
        <ErrorNote error={speakers.error} onRetry={speakers.reload} />
        {speakers.data?.items.length === 0 && <p>{t('speakers.none')}</p>}
        <ul className="list">
          {speakers.data?.items.map((s) => (
            <li key={s.id} className="list-item">
              <SpeakerThumb speaker={s} />
              <div className="list-main">
                <strong>{s.fullName}</strong>
                {s.affiliation && <span className="meta">{s.affiliation}</span>}
                {editing === s.id && (
                  <>
                    <SpeakerForm
                      speaker={s}
                      onDone={(changed) => {
                        setEditing(null);
                        if (changed) speakers.reload();
                      }}
                    />
                    {/* Saved at once, apart from the form: a file is not a field to PATCH. */}
                    <SpeakerPhotoField speaker={s} onChanged={speakers.reload} />
                  </>
                )}
              </div>
              {editor && editing !== s.id && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={ot('speakers.edit', { name: s.fullName })}
                  onClick={() => setEditing(s.id)}
                >
                  {ot('action.edit')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {editor && <NewSpeaker onAdded={speakers.reload} />}
    </>
  );
}

function NewSpeaker({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const [fullName, setFullName] = useState('');
  const [affiliation, setAffiliation] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!fullName.trim()) {
      setErrors({ fullName: [t('form.required')] });
      return;
    }
    setErrors({});
    try {
      await http.post<Speaker>('/speakers', {
        fullName: fullName.trim(),
        ...(affiliation.trim() ? { affiliation: affiliation.trim() } : {}),
      });
      setFullName('');
      setAffiliation('');
      onAdded();
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['fullName', 'affiliation']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <section className="card">
      <h2>{t('speakers.new')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t('speakers.fullName')}
          error={errors.fullName}
          name="fullName"
          value={fullName}
          onChange={setFullName}
        />
        <TextField
          label={t('speakers.affiliation')}
          error={errors.affiliation}
          name="affiliation"
          value={affiliation}
          onChange={setAffiliation}
        />
        <ErrorNote error={failure} />
        <button type="submit">{t('speakers.add')}</button>
      </form>
    </section>
  );
}

/** A speaker's name, organization and biography in kk / ru / en (PATCH /speakers/:id). */
function SpeakerForm({ speaker, onDone }: { speaker: Speaker; onDone(changed: boolean): void }) {
  const { t } = useI18n();
  const ot = useOrgText();
  const [fullName, setFullName] = useState(speaker.fullName);
  const [affiliation, setAffiliation] = useState(speaker.affiliation ?? '');
  const [bio, setBio] = useState<LocalizedText>(speaker.bio ?? {});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!fullName.trim()) {
      setErrors({ fullName: [t('form.required')] });
      return;
    }
    setErrors({});
    try {
      await http.patch<Speaker>(`/speakers/${speaker.id}`, {
        fullName: fullName.trim(),
        affiliation: affiliation.trim() || null,
        bio: cleanText(bio),
      });
      onDone(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['fullName', 'affiliation', 'bio']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <form
      className="form inline-edit"
      onSubmit={submit}
      noValidate
      aria-label={ot('speakers.editTitle', { name: speaker.fullName })}
    >
      <TextField
        label={t('speakers.fullName')}
        error={errors.fullName}
        name="editFullName"
        value={fullName}
        onChange={setFullName}
      />
      <TextField
        label={t('speakers.affiliation')}
        error={errors.affiliation}
        name="editAffiliation"
        value={affiliation}
        onChange={setAffiliation}
      />
      <LocalizedInputs
        label={ot('speakers.bio')}
        name="bio"
        value={bio}
        onChange={setBio}
        error={errors.bio}
        multiline
      />
      <OrgError error={failure} />
      <div className="actions">
        <button type="submit">{ot('action.save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {ot('action.close')}
        </button>
      </div>
    </form>
  );
}
