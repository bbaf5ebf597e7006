import { CsvValue, toCsv } from './csv.policy';

/** camelCase -> snake_case: a CSV column is named after its JSON field, so the two never drift apart. */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Report lines as CSV, one column per listed field, headed by the field's JSON name in
 * snake_case; `regionId` becomes `region` with the region's code (KZ-55), instants are ISO UTC.
 */
export function reportCsv<T extends { regionId: number | null }>(
  fields: readonly (keyof T & string)[],
  rows: readonly T[],
  regionCode: ReadonlyMap<number, string>,
): string {
  const header = fields.map((f) => (f === 'regionId' ? 'region' : snakeCase(f)));
  const cell = (row: T, f: keyof T & string): CsvValue => {
    const v = row[f] as unknown;
    if (f === 'regionId')
      return row.regionId === null ? null : (regionCode.get(row.regionId) ?? row.regionId);
    if (v instanceof Date) return v.toISOString();
    return v as CsvValue;
  };
  return toCsv(
    header,
    rows.map((r) => fields.map((f) => cell(r, f))),
  );
}
