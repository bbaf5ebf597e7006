'use strict';
/**
 * `npm start`'s video server: a local Janus (Debian's `janus` package) configured from
 * scripts/janus-config.js, when `janus` is on the PATH and JANUS_NODES is not set. Without it,
 * one line says how to install it and sessions use their external link (the `link` provider).
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { writeJanusConfig } = require('../janus-config');
const { isPortFree, freePort } = require('./ports');

const INSTALL_HINT =
  'video: janus is not installed, so built-in rooms are off and sessions use their external link ' +
  '(Debian/Ubuntu: sudo apt-get install janus janus-tools ffmpeg)';

async function startLocalJanus({ dataDir, apiUrl, persistentSecret, log }) {
  if (process.env.JANUS_NODES)
    return { env: {}, label: `JANUS_NODES=${process.env.JANUS_NODES}`, stop: async () => {}, stopNow() {} };
  if (spawnSync('janus', ['--version']).error) {
    log(INSTALL_HINT);
    return null;
  }
  const port = (await isPortFree(8088)) ? 8088 : await freePort();
  const dir = path.join(dataDir, 'janus');
  const recordDir = path.resolve(dataDir, 'recordings', 'raw');
  fs.mkdirSync(recordDir, { recursive: true });
  const adminKey = persistentSecret('janus-admin-key', 24);
  const eventsSecret = persistentSecret('janus-events-secret', 24);
  writeJanusConfig({
    dir,
    name: 'local',
    httpIp: '127.0.0.1',
    httpPort: port,
    adminKey,
    eventsUrl: `${apiUrl}/rooms/janus/events`,
    eventsUser: 'janus',
    eventsPassword: eventsSecret,
  });
  const out = fs.openSync(path.join(dir, 'janus.log'), 'a');
  const child = spawn('janus', ['-F', dir, '-C', path.join(dir, 'janus.jcfg')], {
    stdio: ['ignore', out, out],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}/janus`;
  for (let i = 0; i < 100 && !exited; i++) {
    const ok = await fetch(`${url}/info`, { signal: AbortSignal.timeout(500) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exited) {
    log(
      `video: janus exited at start (see ${path.join(dir, 'janus.log')}): sessions use their external link`,
    );
    return null;
  }
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    env: {
      JANUS_NODES: `local=${url}`,
      JANUS_ADMIN_KEY: adminKey,
      JANUS_EVENTS_SECRET: eventsSecret,
      JANUS_RECORD_DIR: process.env.JANUS_RECORD_DIR || recordDir,
    },
    label: `${url}  (HTTP API; media on UDP 20000-40000; log ${path.join(dir, 'janus.log')})`,
    stop,
    stopNow() {
      if (!exited) child.kill('SIGTERM');
    },
  };
}

module.exports = { startLocalJanus, INSTALL_HINT };
