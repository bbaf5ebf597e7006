/** Which paths the lazily loaded public and account chunks answer (kept tiny: the shell imports it). */
export const isPublicPath = (path: string): boolean =>
  path === '/programs' || path === '/schedule' || /^\/(programs|sessions)\/[^/]+$/.test(path);

export const ACCOUNT_PATHS = ['/signup', '/forgot-password', '/reset-password', '/profile', '/my-sessions'];

export const isAccountPath = (path: string): boolean => ACCOUNT_PATHS.includes(path);
