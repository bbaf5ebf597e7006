/** One data row of a roster CSV; `line` is 1-based and counts the header, as a spreadsheet shows it. */
export interface RosterCsvRow {
  line: number;
  regionCode: string;
  expected: number;
}

export interface RosterRowError {
  line: number;
  message: string;
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
export function parseExpected(raw: string): number | string {
  if (!/^\d{1,7}$/.test(raw))
    return `expected must be a whole number from 0 to ${MAX_EXPECTED} (got "${raw}")`;
  const n = Number(raw);
  return n > MAX_EXPECTED ? `expected must be at most ${MAX_EXPECTED} (got ${n})` : n;
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
      errors: [{ line: 1, message: 'the CSV is empty: expected a header region_code,expected' }],
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
      errors.push({ line, message: `too many rows: at most ${MAX_ROSTER_ROWS} regions per roster` });
      break;
    }
    const cells = splitCsvLine(lines[i], delimiter);
    if (!cells) {
      errors.push({ line, message: 'unterminated quoted field' });
      continue;
    }
    if (cells.length !== 2) {
      errors.push({ line, message: `expected 2 columns (region_code,expected), got ${cells.length}` });
      continue;
    }
    const regionCode = cells[0].toUpperCase();
    const expected = parseExpected(cells[1]);
    if (!regionCode) {
      errors.push({ line, message: 'region_code is empty' });
      continue;
    }
    if (typeof expected === 'string') {
      errors.push({ line, message: expected });
      continue;
    }
    const seen = firstLine.get(regionCode);
    if (seen !== undefined) {
      errors.push({ line, message: `region ${regionCode} is listed twice (first on line ${seen})` });
      continue;
    }
    firstLine.set(regionCode, line);
    rows.push({ line, regionCode, expected });
  }
  return { rows, errors };
}
