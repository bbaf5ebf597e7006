import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { Language, LocalizedText, Page, Program } from '../api/types';
import { ErrorNote, Field, LANGUAGE_NAMES, Loading } from '../components/ui';
import { countText } from '../i18n/count-strings';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { Link, navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { cleanText, hasText, LocalizedInputs, splitApiError, ZoneSelect } from './forms';

export const PROGRAM_STATUS: Record<string, StringKey> = {
  draft: 'program.draft',
  published: 'program.published',
  archived: 'program.archived',
};

export function ProgramsPage() {
  const { t, pick, lang } = useI18n();
  const { auth } = useAuth();
  const programs = useAsync(() => http.get<Page<Program>>('/programs?pageSize=100'), []);
  return (
    <>
      <section className="card">
        <h1>{t('nav.programs')}</h1>
        {programs.loading && !programs.data && <Loading />}
        <ErrorNote error={programs.error} onRetry={programs.reload} />
        {programs.data?.items.length === 0 && <p>{t('programs.none')}</p>}
        <ul className="list">
          {programs.data?.items.map((p) => (
            <li key={p.id} className="list-item">
              <div className="list-main">
                <Link to={`/organizer/programs/${p.id}`}>
                  <strong>{pick(p.title)}</strong>
                </Link>
                <span className="meta">
                  {countText(lang, 'modules', p.modules.length)} · {p.defaultTimeZone}
                </span>
              </div>
              <span className={`chip chip-${p.status}`}>{t(PROGRAM_STATUS[p.status])}</span>
            </li>
          ))}
        </ul>
      </section>
      {isOrganizer(auth?.user) && <NewProgram />}
    </>
  );
}

function NewProgram() {
  const { t } = useI18n();
  const [title, setTitle] = useState<LocalizedText>({});
  const [zone, setZone] = useState('Asia/Almaty');
  const [language, setLanguage] = useState<Language>('kk');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!hasText(title)) {
      setErrors({ title: [t('form.titleNeeded')] });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const p = await http.post<Program>('/programs', {
        title: cleanText(title),
        defaultTimeZone: zone,
        defaultLanguage: language,
      });
      navigate(`/organizer/programs/${p.id}`);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['title', 'defaultTimeZone', 'defaultLanguage']);
      setErrors(byField);
      setFailure(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('programs.new')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <LocalizedInputs
          label={t('form.title')}
          name="title"
          value={title}
          onChange={setTitle}
          error={errors.title}
        />
        <div className="row">
          <Field label={t('form.defaultZone')} error={errors.defaultTimeZone}>
            {({ id, describedBy }) => (
              <ZoneSelect id={id} value={zone} onChange={setZone} describedBy={describedBy} />
            )}
          </Field>
          <Field label={t('form.defaultLanguage')} error={errors.defaultLanguage}>
            {({ id, describedBy }) => (
              <select
                id={id}
                name="defaultLanguage"
                value={language}
                aria-describedby={describedBy}
                onChange={(e) => setLanguage(e.target.value as Language)}
              >
                {(['kk', 'ru', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ErrorNote error={failure} />
        <button type="submit" disabled={busy}>
          {t('programs.create')}
        </button>
      </form>
    </section>
  );
}
