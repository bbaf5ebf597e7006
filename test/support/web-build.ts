/**
 * The production build of the web app (dist/web) that the browser suites test.
 *
 * It is built once per run in the global set-up, before any suite starts: built from inside the
 * suites, two suites starting at the same moment on a fresh clone both built it, and Vite's
 * emptying of dist/web under the first suite's running api left its browser a page whose scripts
 * were gone (seen as a console that never drew: "no go-live button" in CI). Suites still call it
 * (a run of one suite file, or sources edited since), and a lock directory keeps two processes
 * from building at once; whoever waited checks again and finds it fresh.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const INDEX = join(ROOT, 'dist', 'web', 'index.html');
const LOCK = join(ROOT, 'dist', '.web-build.lock');
const SOURCES = [join(ROOT, 'apps', 'web'), join(ROOT, 'libs', 'contracts', 'src')];
/** A lock older than this belongs to a build that died: taken over. */
const STALE_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function fresh(): boolean {
  const built = existsSync(INDEX) ? statSync(INDEX).mtimeMs : 0;
  return built > 0 && built >= Math.max(...SOURCES.map(newestMtime));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): void {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (existsSync(LOCK) ? statSync(LOCK).mtimeMs : Date.now());
      if (age > STALE_MS) rmdirSync(LOCK);
      else sleepSync(250);
    }
  }
}

/** Rebuilds dist/web when missing or older than its sources (a few seconds with Vite). */
export function ensureWebBuild(): void {
  if (fresh()) return;
  takeLock();
  try {
    if (fresh()) return; // built by whoever held the lock
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'apps/web/vite.config.mts',
        '--logLevel',
        'error',
      ],
      // What ships: Jest runs with NODE_ENV=test, under which Vite would bundle React's
      // development build (StrictMode's doubled effects, other request patterns and timings).
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
    );
  } finally {
    rmdirSync(LOCK);
  }
}
