/**
 * Building a call: title and description in kk/ru/en, seats, the window as wall times in a zone
 * (checked here for times the clocks skip or repeat), eligibility by age, the application form,
 * the rubric (the Young Politician School's three criteria to start from) and the quotas.
 */
import { FormEvent, useState } from 'react';
import type { LocalizedText } from '../api/types';
import { Field, NumberField } from '../components/ui';
import { navigate } from '../lib/router';
import { checkWallTime } from '../lib/time';
import { cleanText, hasText, LocalizedInputs, ZoneSelect } from '../organizer/forms';
import { selectionApi } from './selection-api';
import { FIELD_TYPES, FieldType, type Criterion, type FormField } from './selection-types';
import { focusFirstProblem, SelError, useSel } from './selection-ui';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The commission of DOMAIN.md: career achievement, leadership potential, motivation; 0-10, equal weights. */
const DEFAULT_CRITERIA: Criterion[] = [
  {
    key: 'career',
    label: { kk: 'Мансаптық жетістіктер', ru: 'Карьерные достижения', en: 'Career achievement' },
    weight: 1,
  },
  {
    key: 'leadership',
    label: { kk: 'Көшбасшылық әлеуеті', ru: 'Лидерский потенциал', en: 'Leadership potential' },
    weight: 1,
  },
  { key: 'motivation', label: { kk: 'Уәждеме', ru: 'Мотивация', en: 'Motivation' }, weight: 1 },
];

interface FieldDraft {
  key: string;
  type: FieldType;
  label: LocalizedText;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  integer: boolean;
  options: LocalizedText[];
}

const newField = (n: number): FieldDraft => ({
  key: `question_${n}`,
  type: 'text',
  label: {},
  required: true,
  maxLength: '2000',
  min: '',
  max: '',
  integer: false,
  options: [{}],
});

const intOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const isWhole = (s: string, least = 0) => /^\d+$/.test(s.trim()) && Number(s) >= least;

export function CallBuilder({ programId, defaultZone }: { programId: string; defaultZone: string }) {
  const sel = useSel();
  const [title, setTitle] = useState<LocalizedText>({});
  const [description, setDescription] = useState<LocalizedText>({});
  const [capacity, setCapacity] = useState('30');
  const [zone, setZone] = useState(defaultZone);
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [minAge, setMinAge] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const [fields, setFields] = useState<FieldDraft[]>([newField(1)]);
  const [criteria, setCriteria] = useState<Criterion[]>(DEFAULT_CRITERIA);
  const [scaleMin, setScaleMin] = useState('0');
  const [scaleMax, setScaleMax] = useState('10');
  const [tieBreak, setTieBreak] = useState('motivation');
  const [minReviews, setMinReviews] = useState('2');
  const [nominatedSeats, setNominatedSeats] = useState('0');
  const [regionMin, setRegionMin] = useState('0');
  const [regionMax, setRegionMax] = useState('');
  // Problems show after the first attempt to create, then follow every edit.
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const setField = (i: number, patch: Partial<FieldDraft>) =>
    setFields((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const setCriterion = (i: number, patch: Partial<Criterion>) =>
    setCriteria((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const wallError = (wall: string): string | undefined => {
    const r = checkWallTime(wall, zone);
    return r.ok ? undefined : sel.s(`b.wall.${r.reason}`, { zone });
  };

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!hasText(title)) e.title = sel.s('b.needTitle');
    if (!isWhole(capacity, 1)) e.capacity = sel.s('b.positive');
    const o = wallError(opens);
    const c = wallError(closes);
    if (o) e.opens = o;
    if (c) e.closes = c;
    if (!o && !c) {
      const a = checkWallTime(opens, zone);
      const b = checkWallTime(closes, zone);
      if (a.ok && b.ok && b.utc <= a.utc) e.closes = sel.s('b.wall.order');
    }
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (!KEY.test(f.key)) e[`form.${i}.key`] = sel.s('b.needKey');
      else if (seen.has(f.key)) e[`form.${i}.key`] = sel.s('b.dupKey');
      seen.add(f.key);
      if (!hasText(f.label)) e[`form.${i}.label`] = sel.s('b.needLabel');
      if (f.type === 'choice' && !f.options.some(hasText)) e[`form.${i}.options`] = sel.s('b.needOptions');
    });
    const ckeys = new Set<string>();
    criteria.forEach((cr, i) => {
      if (!KEY.test(cr.key) || ckeys.has(cr.key)) e[`rubric.${i}.key`] = sel.s('b.needKey');
      ckeys.add(cr.key);
      if (!hasText(cr.label)) e[`rubric.${i}.label`] = sel.s('b.needLabel');
    });
    if (!isWhole(minReviews, 1)) e.minReviews = sel.s('b.positive');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setFailure(undefined);
    setTried(true);
    if (Object.keys(validate()).length) {
      focusFirstProblem(ev.currentTarget as HTMLFormElement);
      return;
    }
    setBusy(true);
    try {
      const form: FormField[] = fields.map((f) => {
        const base = { key: f.key, type: f.type, label: cleanText(f.label), required: f.required };
        if (f.type === 'text') return { ...base, maxLength: Number(f.maxLength) || 2000 };
        if (f.type === 'choice')
          return {
            ...base,
            options: f.options
              .filter(hasText)
              .map((label, j) => ({ value: `option_${j + 1}`, label: cleanText(label) })),
          };
        if (f.type === 'number')
          return {
            ...base,
            integer: f.integer,
            ...(f.min.trim() ? { min: Number(f.min) } : {}),
            ...(f.max.trim() ? { max: Number(f.max) } : {}),
          };
        return base;
      });
      const call = await selectionApi.createCall(programId, {
        title: cleanText(title),
        ...(hasText(description) ? { description: cleanText(description) } : {}),
        capacity: Number(capacity),
        timeZone: zone,
        opens,
        closes,
        minAge: intOrNull(minAge),
        maxAge: intOrNull(maxAge),
        form,
        rubric: {
          criteria: criteria.map((c) => ({ ...c, label: cleanText(c.label), weight: Number(c.weight) || 1 })),
          scale: { min: Number(scaleMin), max: Number(scaleMax) },
          tieBreakCriterion: criteria.some((c) => c.key === tieBreak) ? tieBreak : criteria[0].key,
        },
        minReviews: Number(minReviews),
        quotas: {
          nominatedSeats: Number(nominatedSeats) || 0,
          regionMin: Number(regionMin) || 0,
          regionMax: intOrNull(regionMax),
        },
      });
      navigate(`/selection/calls/${call.id}`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const errors = tried ? validate() : {};
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-call-h">
      <h2 id="new-call-h">{sel.s('org.newCall')}</h2>
      <LocalizedInputs
        label={sel.s('b.title')}
        name="title"
        value={title}
        onChange={setTitle}
        error={errors.title}
      />
      <LocalizedInputs
        label={sel.s('b.description')}
        name="description"
        value={description}
        onChange={setDescription}
        multiline
      />
      <NumberField
        label={sel.s('b.capacity')}
        name="capacity"
        value={capacity}
        onChange={setCapacity}
        min={1}
        error={errors.capacity}
      />
      <Field label={sel.s('b.zone')}>
        {({ id, describedBy }) => (
          <ZoneSelect id={id} value={zone} onChange={setZone} describedBy={describedBy} />
        )}
      </Field>
      <div className="row">
        <WallTimeInput
          name="opens"
          label={`${sel.s('b.opens')} · ${zone}`}
          value={opens}
          onChange={setOpens}
          error={errors.opens}
        />
        <WallTimeInput
          name="closes"
          label={`${sel.s('b.closes')} · ${zone}`}
          value={closes}
          onChange={setCloses}
          error={errors.closes}
        />
      </div>
      <div className="row">
        <NumberField
          label={sel.s('b.minAge')}
          name="minAge"
          value={minAge}
          onChange={setMinAge}
          min={0}
          max={150}
        />
        <NumberField
          label={sel.s('b.maxAge')}
          name="maxAge"
          value={maxAge}
          onChange={setMaxAge}
          min={0}
          max={150}
        />
      </div>

      <fieldset>
        <legend>{sel.s('b.form')}</legend>
        {fields.map((f, i) => (
          <fieldset key={i} className="question">
            <legend>{sel.s('b.question', { n: i + 1 })}</legend>
            <div className="row">
              <Field label={sel.s('b.fieldKey')} error={errors[`form.${i}.key`]}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name={`form.${i}.key`}
                    value={f.key}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(e) => setField(i, { key: e.target.value })}
                  />
                )}
              </Field>
              <Field label={sel.s('b.fieldType')}>
                {({ id }) => (
                  <select
                    id={id}
                    name={`form.${i}.type`}
                    value={f.type}
                    onChange={(e) => setField(i, { type: e.target.value as FieldType })}
                  >
                    {FIELD_TYPES.map((ft) => (
                      <option key={ft} value={ft}>
                        {sel.s(`b.type.${ft}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <LocalizedInputs
              label={sel.s('b.fieldLabel')}
              name={`form.${i}.label`}
              value={f.label}
              onChange={(label) => setField(i, { label })}
              error={errors[`form.${i}.label`]}
            />
            <label className="check">
              <input
                type="checkbox"
                name={`form.${i}.required`}
                checked={f.required}
                onChange={(e) => setField(i, { required: e.target.checked })}
              />{' '}
              {sel.s('b.required')}
            </label>
            {f.type === 'text' && (
              <NumberField
                label={sel.s('b.maxLength')}
                name={`form.${i}.maxLength`}
                value={f.maxLength}
                onChange={(maxLength) => setField(i, { maxLength })}
                min={1}
                max={10000}
              />
            )}
            {f.type === 'number' && (
              <>
                <div className="row">
                  <NumberField
                    label={sel.s('b.min')}
                    name={`form.${i}.min`}
                    value={f.min}
                    onChange={(min) => setField(i, { min })}
                  />
                  <NumberField
                    label={sel.s('b.max')}
                    name={`form.${i}.max`}
                    value={f.max}
                    onChange={(max) => setField(i, { max })}
                  />
                </div>
                <label className="check">
                  <input
                    type="checkbox"
                    name={`form.${i}.integer`}
                    checked={f.integer}
                    onChange={(e) => setField(i, { integer: e.target.checked })}
                  />{' '}
                  {sel.s('b.integer')}
                </label>
              </>
            )}
            {f.type === 'choice' && (
              <>
                {f.options.map((o, j) => (
                  <LocalizedInputs
                    key={j}
                    label={sel.s('b.option', { n: j + 1 })}
                    name={`form.${i}.options.${j}`}
                    value={o}
                    onChange={(label) =>
                      setField(i, { options: f.options.map((x, k) => (k === j ? label : x)) })
                    }
                  />
                ))}
                {errors[`form.${i}.options`] && (
                  <p className="error" role="alert">
                    {errors[`form.${i}.options`]}
                  </p>
                )}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setField(i, { options: [...f.options, {}] })}
                >
                  {sel.s('b.addOption')}
                </button>
              </>
            )}
            <div className="actions">
              <button
                type="button"
                className="link"
                onClick={() => setFields((fs) => fs.filter((_, j) => j !== i))}
              >
                {sel.s('b.removeField', { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setFields((fs) => [...fs, newField(fs.length + 1)])}
        >
          {sel.s('b.addField')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{sel.s('b.rubric')}</legend>
        {criteria.map((c, i) => (
          <fieldset key={i} className="question">
            <legend>{sel.s('b.criterion', { n: i + 1 })}</legend>
            <div className="row">
              <Field label={sel.s('b.fieldKey')} error={errors[`rubric.${i}.key`]}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name={`rubric.${i}.key`}
                    value={c.key}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(e) => setCriterion(i, { key: e.target.value })}
                  />
                )}
              </Field>
              <NumberField
                label={sel.s('b.weight')}
                name={`rubric.${i}.weight`}
                value={String(c.weight)}
                onChange={(w) => setCriterion(i, { weight: Number(w) })}
                min={1}
                max={100}
              />
            </div>
            <LocalizedInputs
              label={sel.s('b.criterionName')}
              name={`rubric.${i}.label`}
              value={c.label}
              onChange={(label) => setCriterion(i, { label })}
              error={errors[`rubric.${i}.label`]}
            />
            {criteria.length > 1 && (
              <button
                type="button"
                className="link"
                onClick={() => setCriteria((cs) => cs.filter((_, j) => j !== i))}
              >
                {sel.s('b.removeCriterion', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setCriteria((cs) => [...cs, { key: `criterion_${cs.length + 1}`, label: {}, weight: 1 }])
          }
        >
          {sel.s('b.addCriterion')}
        </button>
        <div className="row">
          <NumberField label={sel.s('b.scaleMin')} name="scaleMin" value={scaleMin} onChange={setScaleMin} />
          <NumberField label={sel.s('b.scaleMax')} name="scaleMax" value={scaleMax} onChange={setScaleMax} />
        </div>
        <Field label={sel.s('b.tieBreak')}>
          {({ id }) => (
            <select id={id} name="tieBreak" value={tieBreak} onChange={(e) => setTieBreak(e.target.value)}>
              {criteria.map((c) => (
                <option key={c.key} value={c.key}>
                  {sel.pick(c.label) || c.key}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NumberField
          label={sel.s('b.minReviews')}
          name="minReviews"
          value={minReviews}
          onChange={setMinReviews}
          min={1}
          max={50}
          error={errors.minReviews}
        />
      </fieldset>

      <QuotaInputs
        nominatedSeats={nominatedSeats}
        regionMin={regionMin}
        regionMax={regionMax}
        onChange={(q) => {
          setNominatedSeats(q.nominatedSeats);
          setRegionMin(q.regionMin);
          setRegionMax(q.regionMax);
        }}
      />
      <SelError error={failure} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {sel.s('b.create')}
        </button>
      </div>
    </form>
  );
}

/**
 * A local wall time as a date and a 24-hour time typed as text: the browser's own date-time
 * control follows the system locale and shows a 12-hour clock in en-US.
 */
export function WallTimeInput({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string;
}) {
  const sel = useSel();
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  const emit = (d: string, t: string) => {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(t.trim());
    onChange(d && m ? `${d}T${m[1].padStart(2, '0')}:${m[2]}` : d || t ? `${d}T${t}` : '');
  };
  return (
    <fieldset className={`wall-time${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      <div className="row">
        <Field label={sel.s('b.date')}>
          {({ id }) => (
            <input
              id={id}
              name={`${name}.date`}
              type="date"
              value={date}
              aria-invalid={!!error}
              onChange={(e) => {
                setDate(e.target.value);
                emit(e.target.value, time);
              }}
            />
          )}
        </Field>
        <Field label={sel.s('b.time')}>
          {({ id }) => (
            <input
              id={id}
              name={`${name}.time`}
              inputMode="numeric"
              placeholder="09:00"
              maxLength={5}
              autoComplete="off"
              value={time}
              aria-invalid={!!error}
              onChange={(e) => {
                setTime(e.target.value);
                emit(date, e.target.value);
              }}
            />
          )}
        </Field>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export interface QuotaDraft {
  nominatedSeats: string;
  regionMin: string;
  regionMax: string;
}

/** Nominated seats and the per-region bounds; the same inputs build the call and try a preview. */
export function QuotaInputs({ onChange, ...q }: QuotaDraft & { onChange(q: QuotaDraft): void }) {
  const sel = useSel();
  return (
    <fieldset>
      <legend>{sel.s('b.quotas')}</legend>
      <div className="row">
        <NumberField
          label={sel.s('b.nominatedSeats')}
          name="nominatedSeats"
          value={q.nominatedSeats}
          onChange={(v) => onChange({ ...q, nominatedSeats: v })}
          min={0}
        />
        <NumberField
          label={sel.s('b.regionMin')}
          name="regionMin"
          value={q.regionMin}
          onChange={(v) => onChange({ ...q, regionMin: v })}
          min={0}
        />
        <NumberField
          label={sel.s('b.regionMax')}
          name="regionMax"
          value={q.regionMax}
          onChange={(v) => onChange({ ...q, regionMax: v })}
          min={0}
        />
      </div>
    </fieldset>
  );
}
