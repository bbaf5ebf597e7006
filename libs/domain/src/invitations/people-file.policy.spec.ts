import { csvCells, normalizePhone, readPeople } from './people-file.policy';

describe('expected people files', () => {
  it('reads a CSV with quotes, semicolons and line breaks inside quotes', () => {
    expect(csvCells('name;email\n"Әлия ""Ә."" Құрманова";a@x.kz\r\n"Line\nbreak";b@x.kz\n')).toEqual([
      ['name', 'email'],
      ['Әлия "Ә." Құрманова', 'a@x.kz'],
      ['Line\nbreak', 'b@x.kz'],
    ]);
    expect(csvCells('name,email\n"unterminated,x\n')).toBeNull();
  });

  it('normalizes Kazakh phone numbers to E.164 and refuses what is not one', () => {
    expect(normalizePhone('8 (701) 123-45-67')).toBe('+77011234567');
    expect(normalizePhone('+7 701 123 45 67')).toBe('+77011234567');
    expect(normalizePhone('77011234567')).toBe('+77011234567');
    expect(normalizePhone('12-34')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
  });

  it('turns rows into people with language defaults and aliases', () => {
    const { rows, errors } = readPeople([
      ['Name', 'E-mail', 'Phone', 'Region_code', 'Language', 'Organization', 'Position'],
      ['  Әлия   Құрманова ', 'Aliya@Example.KZ', '', 'kz-55', 'kz', 'Мәслихат', 'Депутат'],
      ['Иван Петров', '', '8 701 000 00 01', 'KZ-55', '', '', ''],
    ]);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        fullName: 'Әлия Құрманова',
        email: 'aliya@example.kz',
        phone: null,
        regionCode: 'KZ-55',
        language: 'kk',
        organization: 'Мәслихат',
        position: 'Депутат',
      },
      {
        line: 3,
        fullName: 'Иван Петров',
        email: null,
        phone: '+77010000001',
        regionCode: 'KZ-55',
        language: 'ru',
        organization: null,
        position: null,
      },
    ]);
  });

  it('collects every bad row with its line: empty name, bad e-mail, no contact, duplicates, bad language', () => {
    const { rows, errors } = readPeople([
      ['name', 'email', 'phone', 'region_code', 'language'],
      ['A', 'a@x.kz', '', 'KZ-55', 'ru'],
      ['', 'b@x.kz', '', 'KZ-55', 'ru'],
      ['C', 'not-an-email', '', 'KZ-55', 'ru'],
      ['D', '', '', 'KZ-55', 'ru'],
      ['E', 'A@x.kz', '', 'KZ-55', 'ru'],
      ['F', 'f@x.kz', '', '', 'de'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors).toEqual([
      { line: 3, message: 'name is empty', problems: [{ code: 'name_empty' }] },
      {
        line: 4,
        message: '"not-an-email" is not an e-mail address',
        problems: [{ code: 'email_invalid', params: { value: 'not-an-email' } }],
      },
      { line: 5, message: 'give an e-mail or a phone number', problems: [{ code: 'contact_missing' }] },
      {
        line: 6,
        message: 'duplicate: e-mail a@x.kz is already on line 2',
        problems: [{ code: 'duplicate_email', params: { value: 'a@x.kz', first: 2 } }],
      },
      {
        line: 7,
        message: 'region_code is empty; language must be kk, ru or en (got "de")',
        // One line, every reason: the web app words each in the reader's language.
        problems: [{ code: 'region_empty' }, { code: 'language_invalid', params: { value: 'de' } }],
      },
    ]);
  });

  it('refuses a header without the needed columns, unknown columns, and a file of nobody', () => {
    expect(readPeople([['name', 'shoe_size']]).errors).toEqual([
      {
        line: 1,
        message: 'unknown column "shoe_size"',
        problems: [{ code: 'unknown_column', params: { column: 'shoe_size' } }],
      },
      {
        line: 1,
        message: 'missing column region_code',
        problems: [{ code: 'missing_column', params: { column: 'region_code' } }],
      },
      {
        line: 1,
        message: 'missing column email or phone (one of them at least)',
        problems: [{ code: 'missing_contact_column' }],
      },
    ]);
    expect(readPeople([]).errors).toEqual([
      { line: 1, message: 'the file is empty: expected a header row', problems: [{ code: 'file_empty' }] },
    ]);
    expect(readPeople([['name', 'email', 'region_code']]).errors).toEqual([
      { line: 2, message: 'the file lists nobody', problems: [{ code: 'no_people' }] },
    ]);
  });
});
