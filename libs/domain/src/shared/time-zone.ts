import { IANAZone } from 'luxon';

/**
 * Luxon answers IANAZone.isValidZone by building an Intl.DateTimeFormat each time (~2% of the
 * api's CPU in a sign-up crowd's profile, bench:national 2026-12-06): the valid answers are
 * remembered. Only valid names are kept — there are a few hundred of them, so the set stays small
 * whatever people send; a wrong name is simply checked again.
 */
const validZones = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

/** The zone when it is a valid IANA name, else UTC (a stored zone that no longer resolves). */
export const zoneOrUtc = (zone: string): string => (isValidTimeZone(zone) ? zone : 'UTC');
