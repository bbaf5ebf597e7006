import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type {
  LocalizedText,
  Page,
  Program,
  ProgramModule,
  ProgramStatus,
  SessionSummary,
} from '../api/types';
import { ErrorNote, Loading, When } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { ListsLink } from '../invitations/lists-nav';
import { useAsync } from '../lib/use-async';
import { SESSION_STATUS } from '../pages/home.page';
import { cleanText, hasText, LocalizedInputs, splitApiError } from './forms';
import { PROGRAM_STATUS } from './programs.page';

export function ProgramPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const program = useAsync(() => http.get<Program>(`/programs/${id}`), [id]);
  const sessions = useAsync(
    () => http.get<Page<SessionSummary>>(`/sessions?programId=${id}&pageSize=100&sort=startAt`),
    [id],
  );
  const [statusError, setStatusError] = useState<unknown>();

  if (program.loading && !program.data) return <Loading />;
  if (!program.data) return <ErrorNote error={program.error} onRetry={program.reload} />;
  const p = program.data;

  const setStatus = async (status: ProgramStatus) => {
    setStatusError(undefined);
    try {
      program.set(await http.post<Program>(`/programs/${id}/status`, { status }));
    } catch (e) {
      setStatusError(e);
    }
  };

  return (
    <>
      <section className="card">
        <p className="crumbs">
          <Link to="/organizer">{t('nav.programs')}</Link>
        </p>
        <h1>{pick(p.title)}</h1>
        <p className="meta">
          <span className={`chip chip-${p.status}`}>{t(PROGRAM_STATUS[p.status])}</span> · {p.defaultTimeZone}
        </p>
        <ListsLink type="program" id={id} />
        {editor && (
          <div className="actions">
            {p.status === 'draft' && (
              <button type="button" onClick={() => void setStatus('published')}>
                {t('program.publish')}
              </button>
            )}
            {p.status === 'published' && (
              <button type="button" className="secondary" onClick={() => void setStatus('draft')}>
                {t('program.unpublish')}
              </button>
            )}
          </div>
        )}
        <ErrorNote error={statusError} />
      </section>

      <section className="card">
        <h2>{t('program.modules')}</h2>
        {p.modules.length === 0 && <p>{t('program.noModules')}</p>}
        <ol className="modules">
          {p.modules.map((m) => (
            <li key={m.id}>{pick(m.title)}</li>
          ))}
        </ol>
        {editor && (
          <AddModule
            programId={id}
            onAdded={(m) =>
              program.set({ ...p, modules: [...p.modules, m].sort((a, b) => a.position - b.position) })
            }
          />
        )}
      </section>

      <section className="card">
        <div className="card-head">
          <h2>{t('program.sessions')}</h2>
          {editor && (
            <Link to={`/organizer/programs/${id}/schedule`} className="button">
              {t('program.schedule')}
            </Link>
          )}
        </div>
        {sessions.loading && !sessions.data && <Loading />}
        <ErrorNote error={sessions.error} onRetry={sessions.reload} />
        {sessions.data?.items.length === 0 && <p>{t('program.noSessions')}</p>}
        <ul className="list">
          {sessions.data?.items.map((s) => (
            <li key={s.id} className="list-item">
              <div className="list-main">
                <Link to={`/organizer/sessions/${s.id}`}>
                  <strong>{pick(s.title)}</strong>
                </Link>
                <When utc={s.startAt.utc} zone={s.timeZone} />
                <span className="meta">
                  {s.targetRegions.length
                    ? s.targetRegions.map((r) => pick(r.names)).join(', ')
                    : t('session.allRegions')}
                </span>
              </div>
              <span className={`chip chip-${s.status}`}>{t(SESSION_STATUS[s.status])}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function AddModule({ programId, onAdded }: { programId: string; onAdded(m: ProgramModule): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState<LocalizedText>({});
  const [error, setError] = useState<string[]>();
  const [failure, setFailure] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!hasText(title)) {
      setError([t('form.titleNeeded')]);
      return;
    }
    setError(undefined);
    try {
      onAdded(await http.post<ProgramModule>(`/programs/${programId}/modules`, { title: cleanText(title) }));
      setTitle({});
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['title']);
      setError(byField.title);
      setFailure(rest);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <LocalizedInputs
        label={t('program.newModule')}
        name="moduleTitle"
        value={title}
        onChange={setTitle}
        error={error}
      />
      <ErrorNote error={failure} />
      <button type="submit" className="secondary">
        {t('program.addModule')}
      </button>
    </form>
  );
}
