/** Matches "/sessions/:id/:tab?" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < Math.max(p.length, s.length); i++) {
    const seg = p[i];
    if (seg === undefined) return null;
    const optional = seg.endsWith('?');
    const name = seg.replace(/^:/, '').replace(/\?$/, '');
    if (s[i] === undefined) {
      if (optional) continue;
      return null;
    }
    if (seg.startsWith(':')) {
      try {
        params[name] = decodeURIComponent(s[i]);
      } catch {
        return null; // a malformed %-escape is no route, not a crash
      }
    } else if (seg !== s[i]) return null;
  }
  return params;
}
