import { invalid } from '../shared/domain.errors';

/**
 * Ordered children (program modules, session sections) are numbered 1..n without gaps. This gives
 * the new order after `id` is placed at `position` (1-based); `id` may be new (an insert) or
 * already in the list (a move). Without a position the item goes last (a new one) or stays (a move).
 */
export function placeAt(ids: readonly string[], id: string, position?: number, field = 'position'): string[] {
  const current = ids.indexOf(id);
  const rest = ids.filter((x) => x !== id);
  const max = rest.length + 1;
  const target = position ?? (current >= 0 ? current + 1 : max);
  if (!Number.isInteger(target) || target < 1 || target > max) {
    throw invalid(
      'invalid_position',
      `${field} must be an integer between 1 and ${max} (got ${String(position)})`,
    );
  }
  return [...rest.slice(0, target - 1), id, ...rest.slice(target - 1)];
}

/** The order after `id` is removed: the others close the gap. */
export function removeFrom(ids: readonly string[], id: string): string[] {
  return ids.filter((x) => x !== id);
}
