/**
 * Reading a list of expected people (CSV or the cells of a spreadsheet's first sheet): pure,
 * every problem collected with its line so the organizer fixes the file in one pass. Whether a
 * region code exists, and who the people are in the database, is the service's question.
 */
import { LANGUAGES, type Language } from '../shared/localized-text';

export interface ListedPersonRow {
  /** 1-based, the header counted, as a spreadsheet shows it. */
  line: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  regionCode: string;
  language: Language;
  organization: string | null;
  position: string | null;
}

export interface RowError {
  line: number;
  message: string;
}

export const MAX_PEOPLE_ROWS = 10_000;
export const MAX_PEOPLE_FILE_BYTES = 5 * 1024 * 1024;
/** Errors listed in the answer; a file with more says how many there are. */
export const MAX_LISTED_ERRORS = 200;

type Field = 'fullName' | 'email' | 'phone' | 'regionCode' | 'language' | 'organization' | 'position';

/** Header names (lower-cased) in the three languages and the usual English spellings. */
const HEADERS: Record<string, Field> = {
  name: 'fullName',
  full_name: 'fullName',
  fullname: 'fullName',
  'аты-жөні': 'fullName',
  фио: 'fullName',
  email: 'email',
  'e-mail': 'email',
  phone: 'phone',
  телефон: 'phone',
  region: 'regionCode',
  region_code: 'regionCode',
  өңір: 'regionCode',
  регион: 'regionCode',
  language: 'language',
  lang: 'language',
  тіл: 'language',
  язык: 'language',
  organization: 'organization',
  организация: 'organization',
  ұйым: 'organization',
  position: 'position',
  должность: 'position',
  лауазымы: 'position',
};

const LANGUAGE_ALIASES: Record<string, Language> = { kz: 'kk', қаз: 'kk', рус: 'ru', eng: 'en' };
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/**
 * A phone number as E.164: spaces, dashes, dots and brackets dropped; a Kazakh number written the
 * local way (`8 701 …`, 11 digits) becomes `+7 701 …`. Null when it is not a phone number.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  let digits: string;
  if (/^\+\d+$/.test(compact)) digits = compact.slice(1);
  else if (/^8\d{10}$/.test(compact)) digits = `7${compact.slice(1)}`;
  else if (/^\d+$/.test(compact)) digits = compact;
  else return null;
  return digits.length >= 10 && digits.length <= 15 ? `+${digits}` : null;
}

/**
 * CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes; `,` or — as ru/kk
 * spreadsheets export it — `;`) into rows of cells. Null when a quote is never closed.
 */
export function csvCells(text: string): string[][] | null {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r\n|\n|\r|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Rows of cells (the header first) into people, or the reasons they are not. */
export function readPeople(cells: readonly (readonly string[])[]): {
  rows: ListedPersonRow[];
  errors: RowError[];
} {
  const rows: ListedPersonRow[] = [];
  const errors: RowError[] = [];
  const headerIndex = cells.findIndex((c) => !blank(c));
  if (headerIndex < 0) {
    return { rows, errors: [{ line: 1, message: 'the file is empty: expected a header row' }] };
  }
  const columns = new Map<Field, number>();
  const header = cells[headerIndex];
  for (let i = 0; i < header.length; i++) {
    const name = header[i].trim().toLowerCase();
    if (!name) continue;
    const field = HEADERS[name];
    if (!field) {
      errors.push({ line: headerIndex + 1, message: `unknown column "${header[i].trim()}"` });
    } else if (columns.has(field)) {
      errors.push({ line: headerIndex + 1, message: `column "${header[i].trim()}" appears twice` });
    } else columns.set(field, i);
  }
  for (const required of ['fullName', 'regionCode'] as const) {
    if (!columns.has(required)) {
      errors.push({
        line: headerIndex + 1,
        message: `missing column ${required === 'fullName' ? 'name' : 'region_code'}`,
      });
    }
  }
  if (!columns.has('email') && !columns.has('phone')) {
    errors.push({ line: headerIndex + 1, message: 'missing column email or phone (one of them at least)' });
  }
  if (errors.length) return { rows, errors };

  const get = (c: readonly string[], f: Field) => {
    const i = columns.get(f);
    return i === undefined ? '' : (c[i] ?? '').trim();
  };
  const firstByEmail = new Map<string, number>();
  const firstByPhone = new Map<string, number>();
  let data = 0;
  for (let r = headerIndex + 1; r < cells.length; r++) {
    const c = cells[r];
    const line = r + 1;
    if (blank(c)) continue;
    if (++data > MAX_PEOPLE_ROWS) {
      errors.push({ line, message: `too many rows: at most ${MAX_PEOPLE_ROWS} people per file` });
      break;
    }
    const problems: string[] = [];
    const fullName = get(c, 'fullName').replace(/\s+/g, ' ');
    if (!fullName) problems.push('name is empty');
    else if (fullName.length > 200) problems.push('name is longer than 200 characters');
    const rawEmail = get(c, 'email').toLowerCase();
    const email = rawEmail || null;
    if (email && (email.length > 320 || !EMAIL.test(email)))
      problems.push(`"${rawEmail}" is not an e-mail address`);
    const rawPhone = get(c, 'phone');
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (rawPhone && !phone) problems.push(`"${rawPhone}" is not a phone number`);
    if (!rawEmail && !rawPhone) problems.push('give an e-mail or a phone number');
    const regionCode = get(c, 'regionCode').toUpperCase();
    if (!regionCode) problems.push('region_code is empty');
    const rawLanguage = get(c, 'language').toLowerCase();
    const language = rawLanguage
      ? (LANGUAGES as readonly string[]).includes(rawLanguage)
        ? (rawLanguage as Language)
        : LANGUAGE_ALIASES[rawLanguage]
      : 'ru';
    if (!language) problems.push(`language must be kk, ru or en (got "${rawLanguage}")`);
    const organization = get(c, 'organization') || null;
    const position = get(c, 'position') || null;
    if (organization && organization.length > 300)
      problems.push('organization is longer than 300 characters');
    if (position && position.length > 300) problems.push('position is longer than 300 characters');
    if (email && !problems.length) {
      const first = firstByEmail.get(email);
      if (first !== undefined) problems.push(`duplicate: e-mail ${email} is already on line ${first}`);
    }
    if (phone && !problems.length) {
      const first = firstByPhone.get(phone);
      if (first !== undefined) problems.push(`duplicate: phone ${phone} is already on line ${first}`);
    }
    if (problems.length) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    if (email) firstByEmail.set(email, line);
    if (phone) firstByPhone.set(phone, line);
    rows.push({ line, fullName, email, phone, regionCode, language: language!, organization, position });
  }
  if (!data && !errors.length) errors.push({ line: headerIndex + 2, message: 'the file lists nobody' });
  return { rows, errors };
}
