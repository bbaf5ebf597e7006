'use strict';

const { spawn } = require('child_process');
const http = require('http');
const readline = require('readline');

/**
 * Starts `node <entry>` in its own process group (a terminal Ctrl-C reaches only the
 * orchestrator, which then stops the apps in order) and prefixes every output line with [name].
 * The apps log JSON lines; they pass through untouched after the prefix.
 */
function startApp(name, entry, env, { cwd } = {}) {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tag = `[${name}]`.padEnd(10);
  readline.createInterface({ input: child.stdout }).on('line', (l) => process.stdout.write(`${tag}${l}\n`));
  readline.createInterface({ input: child.stderr }).on('line', (l) => process.stderr.write(`${tag}${l}\n`));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (e) => process.stderr.write(`${tag}could not start: ${e.message}\n`));
  return {
    name,
    child,
    exited,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** SIGTERM (graceful), SIGKILL after the timeout; resolves when the process is gone. */
    async stop(timeoutMs = 20000) {
      if (!this.running) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        process.stderr.write(`${tag}did not stop within ${timeoutMs / 1000}s: killing it\n`);
        child.kill('SIGKILL');
      }, timeoutMs);
      const res = await exited;
      clearTimeout(timer);
      return res;
    },
  };
}

function getStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Polls url until it answers 200; rejects when the app exits first or the deadline passes. */
async function waitForHealth(app, url, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    if (!app.running) {
      const { code, signal } = await app.exited;
      throw new Error(`${app.name} exited during start-up (code ${code}, signal ${signal})`);
    }
    last = await getStatus(url);
    if (last === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${app.name} did not report healthy at ${url} within ${timeoutMs / 1000}s (last status ${last || 'no answer'})`,
  );
}

module.exports = { startApp, waitForHealth, getStatus };
