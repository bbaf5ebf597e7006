import { csvText, rankingCsv, RANKING_CSV_HEADER } from './ranking-csv.policy';

describe('ranking CSV', () => {
  it('quotes text and defuses formulas', () => {
    expect(csvText('Aigerim "Aika" Nurlanovna')).toBe('"Aigerim ""Aika"" Nurlanovna"');
    expect(csvText('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const s of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvText(s).startsWith(`"'`)).toBe(true);
    expect(csvText(null)).toBe('""');
  });

  it('writes a header and one CRLF line per application', () => {
    const csv = rankingCsv([
      {
        rank: 1,
        applicationId: 'a1',
        applicant: '=cmd',
        email: 'a@x.kz',
        regionCode: 'KZ-55',
        nominated: true,
        nominatedBy: 'Youth wing',
        score: 8.5,
        tieBreakMean: 9,
        completeReviews: 5,
        incompleteReviews: 0,
        flags: [],
        tieBrokenBy: null,
        submittedAt: '2024-03-01T04:00:00.000Z',
        status: 'selected',
        override: null,
      },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(RANKING_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      `1,"a1","'=cmd","a@x.kz","KZ-55",yes,"Youth wing",8.5000,9.0000,5,0,"","","2024-03-01T04:00:00.000Z","selected",""`,
    );
    expect(lines[2]).toBe('');
  });
});
