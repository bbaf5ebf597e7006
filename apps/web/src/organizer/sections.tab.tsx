import { FormEvent, useState } from 'react';
import { isOrganizer, useAuth } from '../api/auth-store';
import { http } from '../api/http';
import type { LocalizedText, Section, Session } from '../api/types';
import { ErrorNote, Field, NumberField } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { cleanText, hasText, LocalizedInputs, splitApiError } from './forms';

/** Parallel sections (tracks) of a session, each with its own lead and seats. */
export function SectionsTab({ session, onChange }: { session: Session; onChange(): void }) {
  const { t, pick } = useI18n();
  const { auth } = useAuth();
  return (
    <>
      <section className="card">
        <h2>{t('tab.sections')}</h2>
        {session.sections.length === 0 && <p>{t('sections.none')}</p>}
        <ul className="list">
          {session.sections.map((x) => (
            <li key={x.id} className="list-item">
              <div className="list-main">
                <strong>
                  {x.position}. {pick(x.title)}
                </strong>
                <span className="meta">
                  {x.leadSpeaker ? `${t('sections.lead')}: ${x.leadSpeaker.fullName} · ` : ''}
                  {t('sections.seats', {
                    taken: x.registeredCount,
                    capacity: x.capacity == null ? '∞' : x.capacity,
                  })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {isOrganizer(auth?.user) && session.status !== 'cancelled' && (
        <NewSection session={session} onAdded={onChange} />
      )}
    </>
  );
}

function NewSection({ session, onAdded }: { session: Session; onAdded(): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState<LocalizedText>({});
  const [capacity, setCapacity] = useState('');
  const [leadSpeakerId, setLead] = useState('');
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
      await http.post<Section>(`/sessions/${session.id}/sections`, {
        title: cleanText(title),
        ...(capacity ? { capacity: Number(capacity) } : {}),
        ...(leadSpeakerId ? { leadSpeakerId } : {}),
      });
      setTitle({});
      setCapacity('');
      onAdded();
    } catch (err) {
      const { byField, rest } = splitApiError(err, ['title', 'capacity', 'leadSpeakerId']);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <section className="card">
      <h2>{t('sections.new')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <LocalizedInputs
          label={t('form.title')}
          name="sectionTitle"
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
        <ErrorNote error={failure} />
        <button type="submit">{t('sections.add')}</button>
      </form>
    </section>
  );
}
