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

/**
 * Stable reasons a row (or the header, or the file) is refused: the web app words them in the
 * reader's language from the code and its params; `message` is the same in English, for logs
 * and API clients that only print.
 */
export type RowProblemCode =
  | 'file_empty'
  | 'no_people'
  | 'unclosed_quote'
  | 'unknown_column'
  | 'column_twice'
  | 'missing_column'
  | 'missing_contact_column'
  | 'too_many_rows'
  | 'name_empty'
  | 'name_too_long'
  | 'email_invalid'
  | 'phone_invalid'
  | 'contact_missing'
  | 'region_empty'
  | 'language_invalid'
  | 'organization_too_long'
  | 'position_too_long'
  | 'duplicate_email'
  | 'duplicate_phone'
  | 'duplicate_person'
  | 'region_unknown'
  | 'region_not_yours'
  | 'accounts_differ';

export interface RowProblem {
  code: RowProblemCode;
  /** What the message names: the value given, the limit, the first line, the region. */
  params?: Record<string, string | number>;
}

export interface RowError {
  line: number;
  message: string;
  /** Every reason of this line, in the order of `message`'s parts. */
  problems: RowProblem[];
}

/** One refused line with one reason. */
export function rowError(
  line: number,
  code: RowProblemCode,
  message: string,
  params?: RowProblem['params'],
): RowError {
  return { line, message, problems: [params ? { code, params } : { code }] };
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
    return { rows, errors: [rowError(1, 'file_empty', 'the file is empty: expected a header row')] };
  }
  const columns = new Map<Field, number>();
  const header = cells[headerIndex];
  for (let i = 0; i < header.length; i++) {
    const name = header[i].trim().toLowerCase();
    if (!name) continue;
    const field = HEADERS[name];
    if (!field) {
      errors.push(
        rowError(headerIndex + 1, 'unknown_column', `unknown column "${header[i].trim()}"`, {
          column: header[i].trim(),
        }),
      );
    } else if (columns.has(field)) {
      errors.push(
        rowError(headerIndex + 1, 'column_twice', `column "${header[i].trim()}" appears twice`, {
          column: header[i].trim(),
        }),
      );
    } else columns.set(field, i);
  }
  for (const required of ['fullName', 'regionCode'] as const) {
    if (!columns.has(required)) {
      const column = required === 'fullName' ? 'name' : 'region_code';
      errors.push(rowError(headerIndex + 1, 'missing_column', `missing column ${column}`, { column }));
    }
  }
  if (!columns.has('email') && !columns.has('phone')) {
    errors.push(
      rowError(
        headerIndex + 1,
        'missing_contact_column',
        'missing column email or phone (one of them at least)',
      ),
    );
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
      errors.push(
        rowError(line, 'too_many_rows', `too many rows: at most ${MAX_PEOPLE_ROWS} people per file`, {
          max: MAX_PEOPLE_ROWS,
        }),
      );
      break;
    }
    const problems: (RowProblem & { text: string })[] = [];
    const problem = (code: RowProblemCode, text: string, params?: RowProblem['params']) =>
      problems.push(params ? { code, params, text } : { code, text });
    const fullName = get(c, 'fullName').replace(/\s+/g, ' ');
    if (!fullName) problem('name_empty', 'name is empty');
    else if (fullName.length > 200)
      problem('name_too_long', 'name is longer than 200 characters', { max: 200 });
    const rawEmail = get(c, 'email').toLowerCase();
    const email = rawEmail || null;
    if (email && (email.length > 320 || !EMAIL.test(email)))
      problem('email_invalid', `"${rawEmail}" is not an e-mail address`, { value: rawEmail });
    const rawPhone = get(c, 'phone');
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (rawPhone && !phone)
      problem('phone_invalid', `"${rawPhone}" is not a phone number`, { value: rawPhone });
    if (!rawEmail && !rawPhone) problem('contact_missing', 'give an e-mail or a phone number');
    const regionCode = get(c, 'regionCode').toUpperCase();
    if (!regionCode) problem('region_empty', 'region_code is empty');
    const rawLanguage = get(c, 'language').toLowerCase();
    const language = rawLanguage
      ? (LANGUAGES as readonly string[]).includes(rawLanguage)
        ? (rawLanguage as Language)
        : LANGUAGE_ALIASES[rawLanguage]
      : 'ru';
    if (!language)
      problem('language_invalid', `language must be kk, ru or en (got "${rawLanguage}")`, {
        value: rawLanguage,
      });
    const organization = get(c, 'organization') || null;
    const position = get(c, 'position') || null;
    if (organization && organization.length > 300)
      problem('organization_too_long', 'organization is longer than 300 characters', { max: 300 });
    if (position && position.length > 300)
      problem('position_too_long', 'position is longer than 300 characters', { max: 300 });
    if (email && !problems.length) {
      const first = firstByEmail.get(email);
      if (first !== undefined)
        problem('duplicate_email', `duplicate: e-mail ${email} is already on line ${first}`, {
          value: email,
          first,
        });
    }
    if (phone && !problems.length) {
      const first = firstByPhone.get(phone);
      if (first !== undefined)
        problem('duplicate_phone', `duplicate: phone ${phone} is already on line ${first}`, {
          value: phone,
          first,
        });
    }
    if (problems.length) {
      errors.push({
        line,
        message: problems.map((p) => p.text).join('; '),
        problems: problems.map(({ text: _text, ...p }) => p),
      });
      continue;
    }
    if (email) firstByEmail.set(email, line);
    if (phone) firstByPhone.set(phone, line);
    rows.push({ line, fullName, email, phone, regionCode, language: language!, organization, position });
  }
  if (!data && !errors.length) errors.push(rowError(headerIndex + 2, 'no_people', 'the file lists nobody'));
  return { rows, errors };
}
