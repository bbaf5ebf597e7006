import { Link } from '../lib/router';
import { useAdminText } from './admin-ui';

/** The console's way into the admin screens, shown to admins only. */
export function AdminNavLink({ roles }: { roles: readonly string[] }) {
  const { at } = useAdminText();
  if (!roles.includes('admin')) return null;
  return <Link to="/admin">{at('admin.nav')}</Link>;
}
