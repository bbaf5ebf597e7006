/**
 * User Timing marks of the live page's first load (socket opened, joined, questions in): what a
 * browser's performance panel or a field measurement reads to tell where a slow start went. Each
 * is set once per page, by whichever of the entry's early socket or the live view gets there first.
 * Kept free of imports: the entry chunk's early socket uses it too.
 */
export function markOnce(name: string): void {
  if (!performance.getEntriesByName(name).length) performance.mark(name);
}
