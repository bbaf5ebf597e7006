/** A `?next=` path inside the app (never another origin: `//evil` and `https:` are refused). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
