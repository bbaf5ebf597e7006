/**
 * Who did not come, by name, region by region: pure. The attendance report says who is
 * registered now and who was `present` (docs/attendance.md); the expected list says who was
 * expected. Invited but absent = listed and not registered (whatever their invitation's state);
 * registered but absent = registered and not present (listed or not — `listed` says which).
 */
export interface ListedPersonFacts {
  id: string;
  userId: string | null;
  regionId: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  position: string | null;
  status: string;
}

export interface AttendeeFacts {
  userId: string;
  regionId: number | null;
  displayName: string;
  email: string;
  present: boolean;
}

export interface AbsentPerson {
  inviteeId: string | null;
  userId: string | null;
  regionId: number | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  position: string | null;
  /** Invitation status for listed people; `registered` for the registered absent. */
  status: string;
  listed: boolean;
}

export interface AbsenteeRegionLine {
  regionId: number | null;
  listed: number;
  registered: number;
  present: number;
  invitedAbsent: AbsentPerson[];
  registeredAbsent: AbsentPerson[];
}

const collator = new Intl.Collator('ru');
const byName = (a: AbsentPerson, b: AbsentPerson) =>
  collator.compare(a.fullName, b.fullName) || (a.userId ?? '').localeCompare(b.userId ?? '');

export function absenteesByRegion(
  listed: readonly ListedPersonFacts[],
  attendees: readonly AttendeeFacts[],
): AbsenteeRegionLine[] {
  const lines = new Map<number | null, AbsenteeRegionLine>();
  const line = (regionId: number | null) => {
    let l = lines.get(regionId);
    if (!l) {
      l = { regionId, listed: 0, registered: 0, present: 0, invitedAbsent: [], registeredAbsent: [] };
      lines.set(regionId, l);
    }
    return l;
  };
  const attendeeByUser = new Map(attendees.map((a) => [a.userId, a]));
  const listedByUser = new Map(listed.flatMap((p) => (p.userId ? [[p.userId, p] as const] : [])));
  for (const p of listed) {
    line(p.regionId).listed++;
    if (p.userId && attendeeByUser.has(p.userId)) continue;
    line(p.regionId).invitedAbsent.push({
      inviteeId: p.id,
      userId: p.userId,
      regionId: p.regionId,
      fullName: p.fullName,
      email: p.email,
      phone: p.phone,
      organization: p.organization,
      position: p.position,
      status: p.status === 'registered' ? 'invited' : p.status,
      listed: true,
    });
  }
  for (const a of attendees) {
    const l = line(a.regionId);
    l.registered++;
    if (a.present) {
      l.present++;
      continue;
    }
    const p = listedByUser.get(a.userId);
    l.registeredAbsent.push({
      inviteeId: p?.id ?? null,
      userId: a.userId,
      regionId: a.regionId,
      fullName: p?.fullName ?? a.displayName,
      email: p?.email ?? a.email,
      phone: p?.phone ?? null,
      organization: p?.organization ?? null,
      position: p?.position ?? null,
      status: 'registered',
      listed: p !== undefined,
    });
  }
  for (const l of lines.values()) {
    l.invitedAbsent.sort(byName);
    l.registeredAbsent.sort(byName);
  }
  return [...lines.values()].sort((a, b) => (a.regionId ?? -1) - (b.regionId ?? -1));
}
