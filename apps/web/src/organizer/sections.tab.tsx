import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { LocalizedText, Section, Session } from '../api/types';
import { Field, NumberField } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { cleanText, hasText, LocalizedInputs, splitApiError } from './forms';
import { OrderActions, OrgError, useConfirm, useListAction, useOrgText } from './organizer-ui';

/** Parallel sections (tracks) of a session, each with its own lead and seats. */
export function SectionsTab({ session, onChange }: { session: Session; onChange(): void }) {
  const { t, pick } = useI18n();
  const ot = useOrgText();
  const { auth } = useAuth();
  const editor = isOrganizer(auth?.user) && session.status !== 'cancelled';
  const [editing, setEditing] = useState<string | null>(null);
  const { busy, failure, act } = useListAction(onChange);
  const [dialog, confirm] = useConfirm();
  const sections = [...session.sections].sort((a, b) => a.position - b.position);

  const move = (x: Section, position: number) =>
    act(() => http.patch(`/sessions/${session.id}/sections/${x.id}`, { position }));
  const remove = async (x: Section) => {
    const yes = await confirm({
      title: ot('confirm.sectionTitle', { title: pick(x.title) }),
      body: ot('confirm.sectionBody'),
      action: ot('confirm.section'),
    });
    if (yes) await act(() => http.del(`/sessions/${session.id}/sections/${x.id}`));
  };

  return (
    <>
      {dialog}
      <section className="card">
        <h2>{t('tab.sections')}</h2>
        {sections.length === 0 && <p>{t('sections.none')}</p>}
        <ul className="list">
          {sections.map((x, i) => {
            const title = pick(x.title);
            return (
              <li key={x.id} className="list-item">
                <div className="list-main">
                  <strong>
                    {x.position}. {title}
                  </strong>
                  <span className="meta">
                    {x.leadSpeaker ? `${t('sections.lead')}: ${x.leadSpeaker.fullName} · ` : ''}
                    {t('sections.seats', {
                      taken: x.registeredCount,
                      capacity: x.capacity == null ? '∞' : x.capacity,
                    })}
                  </span>
                  {editing === x.id && (
                    <SectionForm
                      session={session}
                      section={x}
                      onDone={(changed) => {
                        setEditing(null);
                        if (changed) onChange();
                      }}
                    />
                  )}
                </div>
                {editor && editing !== x.id && (
                  <OrderActions
                    kind="sections"
                    title={title}
                    first={i === 0}
                    last={i === sections.length - 1}
                    busy={busy}
                    onMove={(step) => void move(x, x.position + step)}
                    onEdit={() => setEditing(x.id)}
                    onDelete={() => void remove(x)}
                  />
                )}
              </li>
            );
          })}
        </ul>
        <OrgError error={failure} />
      </section>
      {editor && <NewSection session={session} onAdded={onChange} />}
    </>
  );
}

function NewSection({ session, onAdded }: { session: Session; onAdded(): void }) {
  const { t } = useI18n();
  return (
    <section className="card">
      <h2>{t('sections.new')}</h2>
      <SectionForm session={session} onDone={(changed) => changed && onAdded()} />
    </section>
  );
}

/** A new section (no `section`) or the changes of one. */
function SectionForm({
  session,
  section,
  onDone,
}: {
  session: Session;
  section?: Section;
  onDone(changed: boolean): void;
}) {
  const { t, pick } = useI18n();
  const ot = useOrgText();
  const [title, setTitle] = useState<LocalizedText>(section?.title ?? {});
  const [capacity, setCapacity] = useState(section?.capacity != null ? String(section.capacity) : '');
  const [leadSpeakerId, setLead] = useState(section?.leadSpeaker?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const found: Record<string, string[]> = {};
    if (!hasText(title)) found.title = [t('form.titleNeeded')];
    if (capacity && (!/^\d+$/.test(capacity) || Number(capacity) < 1))
      found.capacity = [t('schedule.capacityInvalid')];
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      if (section) {
        await http.patch<Section>(`/sessions/${session.id}/sections/${section.id}`, {
          title: cleanText(title),
          capacity: capacity ? Number(capacity) : null,
          leadSpeakerId: leadSpeakerId || null,
        });
      } else {
        await http.post<Section>(`/sessions/${session.id}/sections`, {
          title: cleanText(title),
          ...(capacity ? { capacity: Number(capacity) } : {}),
          ...(leadSpeakerId ? { leadSpeakerId } : {}),
        });
        setTitle({});
        setCapacity('');
      }
      onDone(true);
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['title', 'capacity', 'leadSpeakerId']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <form
      className={`form${section ? ' inline-edit' : ''}`}
      onSubmit={submit}
      noValidate
      aria-label={section ? ot('sections.editTitle', { title: pick(section.title) }) : t('sections.new')}
    >
      <LocalizedInputs
        label={t('form.title')}
        name={section ? 'editSectionTitle' : 'sectionTitle'}
        value={title}
        onChange={setTitle}
        error={errors.title}
      />
      <div className="row">
        <NumberField
          label={t('schedule.capacity')}
          hint={t('schedule.capacityHint')}
          error={errors.capacity}
          name="capacity"
          min={1}
          value={capacity}
          onChange={setCapacity}
        />
        <Field label={t('sections.lead')} error={errors.leadSpeakerId}>
          {({ id, describedBy }) => (
            <select
              id={id}
              name="leadSpeakerId"
              value={leadSpeakerId}
              aria-describedby={describedBy}
              onChange={(e) => setLead(e.target.value)}
            >
              <option value="">—</option>
              {session.speakers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <OrgError error={failure} />
      <div className="actions">
        <button type="submit">{section ? ot('action.save') : t('sections.add')}</button>
        {section && (
          <button type="button" className="secondary" onClick={() => onDone(false)}>
            {ot('action.close')}
          </button>
        )}
      </div>
    </form>
  );
}
