/** One data row of a roster CSV; `line` is 1-based and counts the header, as a spreadsheet shows it. */
export interface RosterCsvRow {
  line: number;
  regionCode: string;
  expected: number;
}

/** Stable reasons a roster row is refused (the web app translates them; `message` is English). */
export type RosterRowCode =
  | 'csv_empty'
  | 'bad_header'
  | 'too_many_rows'
  | 'unterminated_quote'
  | 'wrong_columns'
  | 'region_empty'
  | 'expected_invalid'
  | 'expected_too_large'
  | 'region_twice'
  | 'unknown_region';

export interface RosterRowError {
  line: number;
  code: RosterRowCode;
  message: string;
  /** What the message names: the value given, the limit, the region, the first line. */
  params?: Record<string, string | number>;
}

export const MAX_EXPECTED = 1_000_000;
export const MAX_ROSTER_ROWS = 1000;

const HEADERS = ['region_code', 'region'];

/** Splits one CSV line; double quotes may wrap a field ("" is a literal quote). */
function splitCsvLine(line: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

/** `expected` as a whole number 0..1,000,000, or the reason it is not one. */
export function parseExpected(raw: string): number | Omit<RosterRowError, 'line'> {
  if (!/^\d{1,7}$/.test(raw))
    return {
      code: 'expected_invalid',
      message: `expected must be a whole number from 0 to ${MAX_EXPECTED} (got "${raw}")`,
      params: { got: raw, max: MAX_EXPECTED },
    };
  const n = Number(raw);
  return n > MAX_EXPECTED
    ? {
        code: 'expected_too_large',
        message: `expected must be at most ${MAX_EXPECTED} (got ${n})`,
        params: { got: n, max: MAX_EXPECTED },
      }
    : n;
}

/**
 * Reads a roster CSV: a header `region_code,expected` (or `region,expected`; `;` works as the
 * delimiter too, as spreadsheets in ru/kk locales export it), then one row per region. Collects
 * every problem with its line number instead of stopping at the first, so the organizer fixes the
 * file in one pass. Region codes are only checked for shape here; whether they exist is the
 * caller's (database) question.
 */
export function parseRosterCsv(text: string): { rows: RosterCsvRow[]; errors: RosterRowError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const errors: RosterRowError[] = [];
  const rows: RosterCsvRow[] = [];
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0)
    return {
      rows,
      errors: [
        { line: 1, code: 'csv_empty', message: 'the CSV is empty: expected a header region_code,expected' },
      ],
    };

  const headerLine = lines[headerIndex];
  const delimiter = !headerLine.includes(',') && headerLine.includes(';') ? ';' : ',';
  const header = splitCsvLine(headerLine, delimiter)?.map((h) => h.toLowerCase());
  if (!header || header.length !== 2 || !HEADERS.includes(header[0]) || header[1] !== 'expected') {
    return {
      rows,
      errors: [
        {
          line: headerIndex + 1,
          code: 'bad_header',
          params: { got: headerLine.trim() },
          message: `header must be region_code,expected (or region,expected); got "${headerLine.trim()}"`,
        },
      ],
    };
  }

  const firstLine = new Map<string, number>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    if (rows.length + errors.length >= MAX_ROSTER_ROWS) {
      errors.push({
        line,
        code: 'too_many_rows',
        params: { max: MAX_ROSTER_ROWS },
        message: `too many rows: at most ${MAX_ROSTER_ROWS} regions per roster`,
      });
      break;
    }
    const cells = splitCsvLine(lines[i], delimiter);
    if (!cells) {
      errors.push({ line, code: 'unterminated_quote', message: 'unterminated quoted field' });
      continue;
    }
    if (cells.length !== 2) {
      errors.push({
        line,
        code: 'wrong_columns',
        params: { got: cells.length },
        message: `expected 2 columns (region_code,expected), got ${cells.length}`,
      });
      continue;
    }
    const regionCode = cells[0].toUpperCase();
    const expected = parseExpected(cells[1]);
    if (!regionCode) {
      errors.push({ line, code: 'region_empty', message: 'region_code is empty' });
      continue;
    }
    if (typeof expected !== 'number') {
      errors.push({ line, ...expected });
      continue;
    }
    const seen = firstLine.get(regionCode);
    if (seen !== undefined) {
      errors.push({
        line,
        code: 'region_twice',
        params: { region: regionCode, first: seen },
        message: `region ${regionCode} is listed twice (first on line ${seen})`,
      });
      continue;
    }
    firstLine.set(regionCode, line);
    rows.push({ line, regionCode, expected });
  }
  return { rows, errors };
}
