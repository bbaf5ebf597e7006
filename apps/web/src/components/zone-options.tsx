import { useMemo } from 'react';
import { allZones, KZ_ZONES } from '../lib/clock';

/**
 * The options of a time-zone picker: Kazakhstan's zones first, then every other, each group under
 * the caller's words. A value that is neither (an old or unusual zone) is kept as its own option,
 * so the picker never silently shows a different zone than the one saved.
 */
export function ZoneOptions({
  value,
  kzLabel,
  otherLabel,
}: {
  value: string;
  kzLabel: string;
  otherLabel: string;
}) {
  const others = useMemo(() => allZones(), []);
  const known = KZ_ZONES.includes(value) || others.includes(value);
  return (
    <>
      {!known && <option value={value}>{value}</option>}
      <optgroup label={kzLabel}>
        {KZ_ZONES.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </optgroup>
      <optgroup label={otherLabel}>
        {others.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </optgroup>
    </>
  );
}
