import { readdirSync, readFileSync } from 'fs';

const TICK = 100; // USER_HZ on Linux

/** [command name, CPU seconds (user + system)] of a process, from /proc; null once it is gone. */
function readStat(pid: number | string): [string, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [comm, (Number(f[11]) + Number(f[12])) / TICK];
  } catch {
    return null;
  }
}

/**
 * CPU seconds so far of each named process, of this bench process (`selfName`), and of all of
 * PostgreSQL, Redis and HAProxy (summed over their processes): read before and after a phase,
 * the difference says where the machine's cores went during it. A PostgreSQL backend that ended
 * in between takes its seconds with it, so the stores' figures are a floor.
 */
export function cpuSeconds(
  named: { name: string; pid: number | undefined }[],
  selfName = 'bench',
): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of named) out.set(m.name, m.pid ? (readStat(m.pid)?.[1] ?? 0) : 0);
  const self = process.cpuUsage();
  out.set(selfName, (self.user + self.system) / 1e6);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const r = readStat(pid);
    if (r && (r[0] === 'postgres' || r[0].startsWith('redis-server') || r[0] === 'haproxy'))
      out.set(r[0], (out.get(r[0]) ?? 0) + r[1]);
  }
  return out;
}

/** "name 1.2, other 0.3": the seconds each used between two readings. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): string {
  return [...after].map(([name, v]) => `${name} ${(v - (before.get(name) ?? 0)).toFixed(2)}`).join(', ');
}
