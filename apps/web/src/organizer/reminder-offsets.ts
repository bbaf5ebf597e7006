/** Reminder times as organizers type them. */

/** Parses "1440, 60, 10" into distinct minutes, or null when a value is not allowed. */
export function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 10 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const values = parts.map(Number);
  if (values.some((v) => v < 1 || v > 43_200) || new Set(values).size !== values.length) return null;
  return values.sort((a, b) => b - a);
}
