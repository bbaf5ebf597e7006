/**
 * CSV of a ranking (RFC 4180: comma, CRLF, every text cell quoted). Text that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe:
 * applicants choose their own names and answers, and an export must not become an attack.
 */
export function csvText(value: string | null | undefined): string {
  const s = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Numbers we format ourselves are written bare; null is an empty cell. */
export function csvNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return decimals === undefined ? String(value) : value.toFixed(decimals);
}

export interface RankingCsvRow {
  rank: number | null;
  applicationId: string;
  applicant: string;
  email: string;
  regionCode: string;
  nominated: boolean;
  nominatedBy: string | null;
  score: number | null;
  tieBreakMean: number | null;
  completeReviews: number;
  incompleteReviews: number;
  flags: readonly string[];
  tieBrokenBy: string | null;
  submittedAt: string;
  status: string;
  override: string | null;
}

export const RANKING_CSV_HEADER = [
  'rank',
  'application_id',
  'applicant',
  'email',
  'region',
  'nominated',
  'nominated_by',
  'score',
  'tie_break_mean',
  'complete_reviews',
  'incomplete_reviews',
  'flags',
  'tie_broken_by',
  'submitted_at',
  'status',
  'override',
];

export function rankingCsv(rows: readonly RankingCsvRow[]): string {
  const lines = [RANKING_CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        csvNumber(r.rank),
        csvText(r.applicationId),
        csvText(r.applicant),
        csvText(r.email),
        csvText(r.regionCode),
        r.nominated ? 'yes' : 'no',
        csvText(r.nominatedBy),
        csvNumber(r.score, 4),
        csvNumber(r.tieBreakMean, 4),
        csvNumber(r.completeReviews),
        csvNumber(r.incompleteReviews),
        csvText(r.flags.join(' ')),
        csvText(r.tieBrokenBy),
        csvText(r.submittedAt),
        csvText(r.status),
        csvText(r.override),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
