/**
 * The live page's join view (the session and its question pages), asked for by the entry script
 * before React and the app's code are loaded: their download and parse then overlap these
 * requests instead of coming before them. The live view takes each response once (see
 * live.page.tsx); one it never takes (another token, a different order) is simply not used.
 *
 * Kept free of the app's modules: it runs in the small entry chunk.
 */
const early = new Map<string, Promise<Response>>();
/** The most question pages a view asks for (here and in allQuestionPages). */
export const QUESTION_PAGE_LIMIT = 50;

const key = (token: string, page: number) => `${page}\n${token}`;

function post(token: string, questionsPage: number): Promise<Response> {
  return fetch('/app/join-view', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, questionsPage, questionsOrder: 'votes' }),
  });
}

/**
 * Asks for the first page now and, once it says how many there are, for the rest at once (as the
 * live view would). The first page is handed over only after the rest were asked for, so the view
 * never asks for a page a second time.
 */
export function prefetchJoinViews(token: string): void {
  const first = post(token, 1).then(async (res) => {
    if (res.ok) {
      try {
        const v = (await res.clone().json()) as { questions?: { total?: number; pageSize?: number } };
        const { total = 0, pageSize = 0 } = v.questions ?? {};
        const pages = pageSize > 0 ? Math.min(QUESTION_PAGE_LIMIT, Math.ceil(total / pageSize)) : 1;
        for (let page = 2; page <= pages; page++) {
          const p = post(token, page);
          p.catch(() => undefined); // its taker sees the failure; an untaken one must not be unhandled
          early.set(key(token, page), p);
        }
      } catch {
        // not JSON: the view reads the same response and says what went wrong
      }
    }
    return res;
  });
  first.catch(() => undefined);
  early.set(key(token, 1), first);
}

/** The response asked for early for this token and page (votes order), once; else undefined. */
export function takeEarlyJoinView(token: string, page: number): Promise<Response> | undefined {
  const k = key(token, page);
  const p = early.get(k);
  early.delete(k);
  return p;
}
