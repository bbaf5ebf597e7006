/**
 * How many question pages a join view has: from the first page's answer, or from the hint the
 * api wrote into the page it served for a join link (`<meta name="qatys-question-pages">`).
 * No imports: the entry script uses it.
 */

/** The most question pages a view asks for (the prefetch and allQuestionPages). */
export const QUESTION_PAGE_LIMIT = 50;

const clamp = (n: number) => Math.max(1, Math.min(QUESTION_PAGE_LIMIT, n));

/** How many pages of this size hold this many questions (at least 1, at most the limit). */
export function pageCount(total: number, pageSize: number): number {
  return pageSize > 0 ? clamp(Math.ceil(total / pageSize)) : 1;
}

/** How many question pages a join view's first page says there are (at least 1, at most the limit). */
export function questionPages(view: unknown): number {
  const q = (view as { questions?: { total?: unknown; pageSize?: unknown } } | null)?.questions;
  return pageCount(
    typeof q?.total === 'number' ? q.total : 0,
    typeof q?.pageSize === 'number' ? q.pageSize : 0,
  );
}

/** The page count the api wrote into this page for its join link; undefined when there is none. */
export function pagesHint(content: string | null | undefined): number | undefined {
  if (!content || !/^[1-9][0-9]{0,5}$/.test(content)) return undefined;
  return clamp(Number(content));
}
