import { parseExpected, parseRosterCsv } from './roster-csv.policy';

describe('parseRosterCsv', () => {
  it('reads region_code,expected with CRLF, a BOM, blank lines and quoted fields', () => {
    const csv = '\uFEFFregion_code,expected\r\nKZ-55,150\r\n\r\n"kz-39", "124"\r\n';
    expect(parseRosterCsv(csv)).toEqual({
      rows: [
        { line: 2, regionCode: 'KZ-55', expected: 150 },
        { line: 4, regionCode: 'KZ-39', expected: 124 },
      ],
      errors: [],
    });
  });

  it('accepts the region,expected header and a semicolon delimiter', () => {
    expect(parseRosterCsv('Region;Expected\nKZ-59;0\n').rows).toEqual([
      { line: 2, regionCode: 'KZ-59', expected: 0 },
    ]);
  });

  it('reports every bad row with its line number', () => {
    const csv = [
      'region_code,expected',
      'KZ-55,150',
      'KZ-39,-3',
      'KZ-10',
      'KZ-11,12.5',
      'KZ-55,7',
      ',4',
      'KZ-15,1000001',
    ].join('\n');
    const { rows, errors } = parseRosterCsv(csv);
    expect(rows).toEqual([{ line: 2, regionCode: 'KZ-55', expected: 150 }]);
    expect(errors).toEqual([
      {
        line: 3,
        code: 'expected_invalid',
        params: { got: '-3', max: 1000000 },
        message: 'expected must be a whole number from 0 to 1000000 (got "-3")',
      },
      {
        line: 4,
        code: 'wrong_columns',
        params: { got: 1 },
        message: 'expected 2 columns (region_code,expected), got 1',
      },
      {
        line: 5,
        code: 'expected_invalid',
        params: { got: '12.5', max: 1000000 },
        message: 'expected must be a whole number from 0 to 1000000 (got "12.5")',
      },
      {
        line: 6,
        code: 'region_twice',
        params: { region: 'KZ-55', first: 2 },
        message: 'region KZ-55 is listed twice (first on line 2)',
      },
      { line: 7, code: 'region_empty', message: 'region_code is empty' },
      {
        line: 8,
        code: 'expected_too_large',
        params: { got: 1000001, max: 1000000 },
        message: 'expected must be at most 1000000 (got 1000001)',
      },
    ]);
  });

  it('refuses an empty file and a wrong header', () => {
    expect(parseRosterCsv('  \n').errors[0].message).toMatch(/empty/);
    expect(parseRosterCsv('code,count\nKZ-55,1').errors).toEqual([
      {
        line: 1,
        code: 'bad_header',
        params: { got: 'code,count' },
        message: 'header must be region_code,expected (or region,expected); got "code,count"',
      },
    ]);
    expect(parseRosterCsv('region_code,expected\n"KZ-55,1').errors).toEqual([
      { line: 2, code: 'unterminated_quote', message: 'unterminated quoted field' },
    ]);
  });

  it('parses expected strictly', () => {
    expect(parseExpected('0')).toBe(0);
    expect(parseExpected('1000000')).toBe(1_000_000);
    expect(parseExpected('1e3')).toMatchObject({ code: 'expected_invalid', message: /whole number/ });
    expect(parseExpected('')).toMatchObject({ code: 'expected_invalid', message: /whole number/ });
  });
});
