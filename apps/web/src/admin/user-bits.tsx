import type { AdminUser } from '../api/types';
import { useViewerZone } from '../components/ui';
import { dateTimeText, offsetLabel } from '../lib/time';
import type { AdminKey } from './admin-strings';
import { useAdminText } from './admin-ui';

/** The roles the API knows, in the order the screens list them, with their names' keys. */
export const ROLE_NAMES: readonly (readonly [string, AdminKey])[] = [
  ['attendee', 'role.attendee'],
  ['coordinator', 'role.coordinator'],
  ['speaker', 'role.speaker'],
  ['moderator', 'role.moderator'],
  ['organizer', 'role.organizer'],
  ['admin', 'role.admin'],
];

export function roleKey(role: string): AdminKey | undefined {
  return ROLE_NAMES.find(([r]) => r === role)?.[1];
}

export function RoleChips({ roles }: { roles: readonly string[] }) {
  const { at } = useAdminText();
  return (
    <span className="chips">
      {roles.map((r) => {
        const key = roleKey(r);
        return (
          <span key={r} className="chip">
            {key ? at(key) : r}
          </span>
        );
      })}
    </span>
  );
}

/** An instant in the viewer's zone, with the zone said. */
export function useInstantText() {
  const { lang } = useAdminText();
  const zone = useViewerZone();
  return (utc: string) => `${dateTimeText(utc, zone, lang)} (${zone}, ${offsetLabel(utc, zone)})`;
}

export function UserStatus({ user }: { user: Pick<AdminUser, 'disabledAt'> }) {
  const { at } = useAdminText();
  const instant = useInstantText();
  return user.disabledAt ? (
    <span className="chip chip-disabled">
      {at('users.disabledSince', { time: instant(user.disabledAt) })}
    </span>
  ) : (
    <span className="chip chip-active">{at('users.active')}</span>
  );
}
