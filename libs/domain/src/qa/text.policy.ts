/** String.prototype.isWellFormed (ES2024; Node >= 20), which the project's ES2023 lib does not declare. */
type WellFormed = { isWellFormed(): boolean };

/**
 * Text the live context can store and hand out: Unicode only. No NUL (Postgres refuses it in text
 * columns) and no unpaired surrogate (not Unicode: it would reach Postgres as U+FFFD, silently
 * changed). Applied to every string of a socket payload, field names included.
 */
export function isStorableText(s: string): boolean {
  return (s as unknown as WellFormed).isWellFormed() && !s.includes('\u0000');
}
