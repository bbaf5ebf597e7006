/**
 * What the entry script and its join-view worker share: how many question pages a first page
 * announces, and the messages between them. No imports: both are small files of their own.
 */

/** The most question pages a view asks for (the prefetch and allQuestionPages). */
export const QUESTION_PAGE_LIMIT = 50;

/** How many question pages a join view's first page says there are (at least 1, at most the limit). */
export function questionPages(view: unknown): number {
  const q = (view as { questions?: { total?: unknown; pageSize?: unknown } } | null)?.questions;
  const total = typeof q?.total === 'number' ? q.total : 0;
  const pageSize = typeof q?.pageSize === 'number' ? q.pageSize : 0;
  return pageSize > 0 ? Math.max(1, Math.min(QUESTION_PAGE_LIMIT, Math.ceil(total / pageSize))) : 1;
}

/** To the worker: the join token whose pages to fetch. */
export interface JoinViewRequest {
  token: string;
}

/** From the worker: one page's answer as it came, or why it never came. */
export type JoinViewReply =
  | { page: number; pages: number; status: number; contentType: string; body: ArrayBuffer }
  | { page: number; pages: number; error: string };
