/** The fields sign-up and the profile share: home region, language, time zone. */
import { useMemo } from 'react';
import { LANGUAGES, type Language } from '../api/types';
import { Field, LANGUAGE_NAMES } from '../components/ui';
import { usePublicI18n } from '../public/public-i18n';
import type { RegionItem } from '../public/public-types';
import { ZoneOptions } from '../components/zone-options';

export function RegionSelect({
  regions,
  value,
  onChange,
  error,
}: {
  regions: RegionItem[];
  value: number | null;
  onChange: (id: number | null, region: RegionItem | null) => void;
  error?: string;
}) {
  const { p, lang } = usePublicI18n();
  const active = useMemo(
    () =>
      regions
        .filter((r) => !r.retiredAt || r.id === value)
        .sort((a, b) => (a.names[lang] || a.code).localeCompare(b.names[lang] || b.code, lang)),
    [regions, lang, value],
  );
  return (
    <Field label={p('acc.field.region')} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name="homeRegionId"
          value={value ?? ''}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => {
            const next = e.target.value ? Number(e.target.value) : null;
            onChange(next, regions.find((r) => r.id === next) ?? null);
          }}
        >
          <option value="">{p('acc.field.regionNone')}</option>
          {active.map((r) => (
            <option key={r.id} value={r.id}>
              {r.names[lang] || r.code}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function LanguageSelect({ value, onChange }: { value: Language; onChange: (l: Language) => void }) {
  const { p } = usePublicI18n();
  return (
    <Field label={p('acc.field.language')}>
      {({ id }) => (
        <select id={id} name="language" value={value} onChange={(e) => onChange(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ZoneSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (z: string) => void;
  error?: string;
}) {
  const { p } = usePublicI18n();
  return (
    <Field label={p('acc.field.zone')} hint={p('acc.field.zoneHint')} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name="timeZone"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        >
          <ZoneOptions value={value} kzLabel={p('acc.field.zoneKz')} otherLabel={p('acc.field.zoneOther')} />
        </select>
      )}
    </Field>
  );
}
