import { FormEvent, useEffect, useState } from 'react';
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
import { Field, Loading, When } from '../components/ui';
import { TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { ListsLink } from '../invitations/lists-nav';
import { useAsync } from '../lib/use-async';
import { SESSION_STATUS } from '../pages/home.page';
import { cleanText, hasText, LocalizedInputs, splitApiError, ZoneSelect } from './forms';
import { offsetsText } from './organizer-strings';
import { OrderActions, OrgError, useConfirm, useListAction, useOrgText } from './organizer-ui';
import { parseOffsets } from './reminder-offsets';
import { PROGRAM_STATUS } from './programs.page';
import { ClockTimeInput } from '../components/wall-time-input';

/** The program as GET /programs/:id gives it, with the reminder fields the shared type lacks. */
export interface ProgramDetails extends Program {
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
}

export function ProgramPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const ot = useOrgText();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user);
  const program = useAsync(() => http.get<ProgramDetails>(`/programs/${id}`), [id]);
  const sessions = useAsync(
    () => http.get<Page<SessionSummary>>(`/sessions?programId=${id}&pageSize=100&sort=startAt`),
    [id],
  );
  const [statusError, setStatusError] = useState<unknown>();
  const [dialog, confirm] = useConfirm();

  if (program.loading && !program.data) return <Loading />;
  if (!program.data) return <OrgError error={program.error} onRetry={program.reload} />;
  const p = program.data;
  const open = p.status !== 'archived';
  const sessionCount = sessions.data?.total ?? sessions.data?.items.length ?? 0;

  const setStatus = async (status: ProgramStatus) => {
    setStatusError(undefined);
    if (status === 'draft') {
      const yes = await confirm({
        title: ot('confirm.draftTitle'),
        body: ot('confirm.draftBody', { n: sessionCount }),
        action: ot('confirm.draft'),
      });
      if (!yes) return;
    }
    if (status === 'archived') {
      const yes = await confirm({
        title: ot('confirm.archiveTitle'),
        body: ot('confirm.archiveBody'),
        action: ot('confirm.archive'),
      });
      if (!yes) return;
    }
    try {
      program.set(await http.post<ProgramDetails>(`/programs/${id}/status`, { status }));
    } catch (e) {
      setStatusError(e);
    }
  };

  return (
    <>
      {dialog}
      <section className="card">
        <p className="crumbs">
          <Link to="/organizer">{t('nav.programs')}</Link>
        </p>
        <h1>{pick(p.title)}</h1>
        <p className="meta">
          <span className={`chip chip-${p.status}`}>{t(PROGRAM_STATUS[p.status])}</span> · {p.defaultTimeZone}
        </p>
        {p.status === 'draft' && (
          <div className="notice notice-warn draft-warning" role="note">
            <p>{ot('draft.program')}</p>
          </div>
        )}
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
            {open && (
              <button type="button" className="secondary" onClick={() => void setStatus('archived')}>
                {ot('program.archive')}
              </button>
            )}
          </div>
        )}
        <OrgError error={statusError} />
        <nav className="subnav" aria-label={ot('program.links')}>
          <Link to={`/organizer/programs/${id}/report`}>{ot('program.report')}</Link>
          <Link to={`/organizer/programs/${id}/people`}>{ot('program.people')}</Link>
          <ListsLink type="program" id={id} tab />
        </nav>
      </section>

      {editor && open && <ProgramDetailsForm program={p} onSaved={program.set} />}
      {editor && open && <ReminderSettingsForm program={p} onSaved={program.set} />}

      <ModulesCard program={p} editor={editor && open} onChange={program.reload} />

      <section className="card">
        <div className="card-head">
          <h2>{t('program.sessions')}</h2>
          {editor && open && (
            <Link to={`/organizer/programs/${id}/schedule`} className="button">
              {t('program.schedule')}
            </Link>
          )}
        </div>
        {sessions.loading && !sessions.data && <Loading />}
        <OrgError error={sessions.error} onRetry={sessions.reload} />
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

function ProgramDetailsForm({
  program: p,
  onSaved,
}: {
  program: ProgramDetails;
  onSaved(p: ProgramDetails): void;
}) {
  const { t } = useI18n();
  const ot = useOrgText();
  const [title, setTitle] = useState<LocalizedText>(p.title);
  const [description, setDescription] = useState<LocalizedText>(p.description ?? {});
  const [startsOn, setStartsOn] = useState(p.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(p.endsOn ?? '');
  const [zone, setZone] = useState(p.defaultTimeZone);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    if (!hasText(title)) {
      setErrors({ title: [t('form.titleNeeded')] });
      return;
    }
    setErrors({});
    try {
      onSaved(
        await http.patch<ProgramDetails>(`/programs/${p.id}`, {
          title: cleanText(title),
          description: cleanText(description),
          startsOn: startsOn || null,
          endsOn: endsOn || null,
          defaultTimeZone: zone,
        }),
      );
      setSaved(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, [
        'title',
        'description',
        'startsOn',
        'endsOn',
        'defaultTimeZone',
      ]);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <section className="card">
      <h2>{ot('program.edit')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <LocalizedInputs
          label={t('form.title')}
          name="programTitle"
          value={title}
          onChange={setTitle}
          error={errors.title}
        />
        <LocalizedInputs
          label={ot('program.description')}
          name="programDescription"
          value={description}
          onChange={setDescription}
          error={errors.description}
          multiline
        />
        <div className="row">
          <TextField
            label={ot('program.startsOn')}
            error={errors.startsOn}
            type="date"
            name="startsOn"
            value={startsOn}
            onChange={setStartsOn}
          />
          <TextField
            label={ot('program.endsOn')}
            error={errors.endsOn}
            type="date"
            name="endsOn"
            value={endsOn}
            onChange={setEndsOn}
          />
          <Field label={t('form.defaultZone')} error={errors.defaultTimeZone}>
            {({ id, describedBy }) => (
              <ZoneSelect
                id={id}
                name="defaultTimeZone"
                value={zone}
                onChange={setZone}
                describedBy={describedBy}
              />
            )}
          </Field>
        </div>
        <OrgError error={failure} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {ot('action.saved')}
          </p>
        )}
        <button type="submit">{ot('action.save')}</button>
      </form>
    </section>
  );
}

/** Reminder times and quiet hours of the whole program (PATCH /programs/:id). */
function ReminderSettingsForm({
  program: p,
  onSaved,
}: {
  program: ProgramDetails;
  onSaved(p: ProgramDetails): void;
}) {
  const { lang } = useI18n();
  const ot = useOrgText();
  const [offsets, setOffsets] = useState(p.reminderOffsetsMinutes.join(', '));
  const [quiet, setQuiet] = useState(p.quietHoursStart !== null);
  const [from, setFrom] = useState(p.quietHoursStart ?? '22:00');
  const [until, setUntil] = useState(p.quietHoursEnd ?? '08:00');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => setSaved(false), [offsets, quiet, from, until]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const found: Record<string, string[]> = {};
    const parsed = parseOffsets(offsets);
    if (!parsed) found.reminderOffsetsMinutes = [ot('reminders.offsetsInvalid')];
    if (quiet && (!from || !until)) found.quietHoursStart = [ot('reminders.quietBoth')];
    setErrors(found);
    if (Object.keys(found).length || !parsed) return;
    try {
      onSaved(
        await http.patch<ProgramDetails>(`/programs/${p.id}`, {
          reminderOffsetsMinutes: parsed,
          quietHoursStart: quiet ? from : null,
          quietHoursEnd: quiet ? until : null,
        }),
      );
      setSaved(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, [
        'reminderOffsetsMinutes',
        'quietHoursStart',
        'quietHoursEnd',
      ]);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <section className="card">
      <h2>{ot('reminders.title')}</h2>
      <p className="meta">
        {ot('reminders.now', {
          list: offsetsText(lang, p.reminderOffsetsMinutes) || ot('reminders.none'),
        })}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={ot('reminders.offsets')}
          hint={ot('reminders.offsetsHint')}
          error={errors.reminderOffsetsMinutes}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="reminderOffsetsMinutes"
              inputMode="numeric"
              value={offsets}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setOffsets(e.target.value)}
            />
          )}
        </Field>
        <fieldset>
          <legend>{ot('reminders.quiet')}</legend>
          <p className="hint">{ot('reminders.quietHint')}</p>
          <label className="check">
            <input
              type="checkbox"
              name="noQuiet"
              checked={!quiet}
              onChange={(e) => setQuiet(!e.target.checked)}
            />
            {ot('reminders.noQuiet')}
          </label>
          {quiet && (
            <div className="quiet-row">
              <Field label={ot('reminders.quietStart')} error={errors.quietHoursStart}>
                {({ id, describedBy }) => (
                  <ClockTimeInput
                    id={id}
                    name="quietHoursStart"
                    value={from}
                    describedBy={describedBy}
                    onChange={setFrom}
                  />
                )}
              </Field>
              <Field label={ot('reminders.quietEnd')} error={errors.quietHoursEnd}>
                {({ id, describedBy }) => (
                  <ClockTimeInput
                    id={id}
                    name="quietHoursEnd"
                    value={until}
                    describedBy={describedBy}
                    onChange={setUntil}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>
        <OrgError error={failure} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {ot('action.saved')}
          </p>
        )}
        <button type="submit">{ot('action.save')}</button>
      </form>
    </section>
  );
}

/** The modules in their order: add, rename, move up or down, delete (with a confirmation). */
function ModulesCard({
  program: p,
  editor,
  onChange,
}: {
  program: ProgramDetails;
  editor: boolean;
  onChange(): void;
}) {
  const { t, pick } = useI18n();
  const ot = useOrgText();
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, failure, act } = useListAction(onChange);
  const [dialog, confirm] = useConfirm();
  const modules = [...p.modules].sort((a, b) => a.position - b.position);

  const move = (m: ProgramModule, position: number) =>
    act(() => http.patch(`/programs/${p.id}/modules/${m.id}`, { position }));
  const remove = async (m: ProgramModule) => {
    const title = pick(m.title);
    const yes = await confirm({
      title: ot('confirm.moduleTitle', { title }),
      body: ot('confirm.moduleBody'),
      action: ot('confirm.module'),
    });
    if (yes) await act(() => http.del(`/programs/${p.id}/modules/${m.id}`));
  };

  return (
    <section className="card">
      {dialog}
      <h2>{t('program.modules')}</h2>
      {modules.length === 0 && <p>{t('program.noModules')}</p>}
      <ol className="modules list">
        {modules.map((m, i) => {
          const title = pick(m.title);
          return (
            <li key={m.id} className="list-item">
              <div className="list-main">
                <strong>{title}</strong>
                {editing === m.id && (
                  <ModuleForm
                    programId={p.id}
                    module={m}
                    onDone={(changed) => {
                      setEditing(null);
                      if (changed) onChange();
                    }}
                  />
                )}
              </div>
              {editor && editing !== m.id && (
                <OrderActions
                  kind="module"
                  title={title}
                  first={i === 0}
                  last={i === modules.length - 1}
                  busy={busy}
                  onMove={(step) => void move(m, m.position + step)}
                  onEdit={() => setEditing(m.id)}
                  onDelete={() => void remove(m)}
                />
              )}
            </li>
          );
        })}
      </ol>
      <OrgError error={failure} />
      {editor && <ModuleForm programId={p.id} onDone={(changed) => changed && onChange()} />}
    </section>
  );
}

/** A new module (no `module`) or the title and description of one. */
function ModuleForm({
  programId,
  module: m,
  onDone,
}: {
  programId: string;
  module?: ProgramModule;
  onDone(changed: boolean): void;
}) {
  const { t, pick } = useI18n();
  const ot = useOrgText();
  const [title, setTitle] = useState<LocalizedText>(m?.title ?? {});
  const [description, setDescription] = useState<LocalizedText>(m?.description ?? {});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (!hasText(title)) {
      setErrors({ title: [t('form.titleNeeded')] });
      return;
    }
    setErrors({});
    const body = { title: cleanText(title), description: cleanText(description) };
    try {
      if (m) await http.patch(`/programs/${programId}/modules/${m.id}`, body);
      else await http.post(`/programs/${programId}/modules`, body);
      if (!m) {
        setTitle({});
        setDescription({});
      }
      onDone(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['title', 'description']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <form
      className={`form${m ? ' inline-edit' : ''}`}
      onSubmit={submit}
      noValidate
      aria-label={m ? ot('module.editTitle', { title: pick(m.title) }) : t('program.addModule')}
    >
      <LocalizedInputs
        label={m ? t('form.title') : t('program.newModule')}
        name={m ? 'editModuleTitle' : 'moduleTitle'}
        value={title}
        onChange={setTitle}
        error={errors.title}
      />
      {m && (
        <LocalizedInputs
          label={ot('program.description')}
          name="editModuleDescription"
          value={description}
          onChange={setDescription}
          error={errors.description}
          multiline
        />
      )}
      <OrgError error={failure} />
      <div className="actions">
        <button type="submit" className={m ? undefined : 'secondary'}>
          {m ? ot('action.save') : t('program.addModule')}
        </button>
        {m && (
          <button type="button" className="secondary" onClick={() => onDone(false)}>
            {ot('action.close')}
          </button>
        )}
      </div>
    </form>
  );
}
