#!/usr/bin/env node
/**
 * Installs dependencies when node_modules is missing or does not match package-lock.json.
 * Plain Node (no dependencies): it runs before anything is installed.
 *
 * A stamp in node_modules holds the hash of the lock it was installed from, so the common case
 * (nothing changed) costs one hash. When the stamp is missing or stale, npm's own record of the
 * installed tree (node_modules/.package-lock.json) is compared with the lock before reinstalling:
 * `npm i -E pkg` updates both, and wiping a working node_modules for nothing would hurt.
 */
'use strict';

const { createHash } = require('crypto');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const LOCK = path.join(ROOT, 'package-lock.json');
const MODULES = path.join(ROOT, 'node_modules');
const STAMP = path.join(MODULES, '.qatys-deps-stamp');
const INSTALLED = path.join(MODULES, '.package-lock.json');

function lockHash() {
  return createHash('sha256').update(fs.readFileSync(LOCK)).digest('hex');
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when every package the lock pins is installed at that version (platform-specific optional ones may be absent). */
function installedTreeMatchesLock() {
  const lock = readJson(LOCK);
  const installed = readJson(INSTALLED);
  if (!lock || !installed || !lock.packages || !installed.packages) return false;
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.link) continue;
    const have = installed.packages[key];
    if (!have) {
      if (entry.optional || entry.devOptional) continue;
      return false;
    }
    if (have.version !== entry.version) return false;
    if (!fs.existsSync(path.join(ROOT, key))) return false;
  }
  return true;
}

/** Runs npm; with `quietErrors`, its stderr is kept and only the gist of a failure is shown. */
function npm(args, { quietErrors = false } = {}) {
  const bin = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(bin, args, {
    cwd: ROOT,
    stdio: quietErrors ? ['inherit', 'inherit', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (res.error) throw new Error(`could not run npm: ${res.error.message}`);
  if (quietErrors && res.status !== 0) {
    const gist = (res.stderr || '')
      .split('\n')
      .filter((l) => /^npm error (code|`npm ci`|Missing)/.test(l))
      .slice(0, 4);
    if (gist.length) process.stderr.write(`${gist.join('\n')}\n`);
  } else if (quietErrors && res.stderr) {
    process.stderr.write(res.stderr);
  }
  return res.status;
}

function needsInstall(hash) {
  if (!fs.existsSync(MODULES)) return 'node_modules is missing';
  let stamp;
  try {
    stamp = fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    stamp = undefined;
  }
  if (stamp === hash) return undefined;
  if (installedTreeMatchesLock()) return undefined;
  return stamp
    ? 'package-lock.json changed since the last install'
    : 'node_modules does not match package-lock.json';
}

function ensureDeps({ verbose = false } = {}) {
  if (!fs.existsSync(LOCK)) {
    throw new Error('package-lock.json is missing: cannot install reproducibly');
  }
  const hash = lockHash();
  const reason = needsInstall(hash);
  if (reason) {
    process.stdout.write(`[deps] ${reason}: running npm ci\n`);
    if (npm(['ci', '--no-audit', '--no-fund'], { quietErrors: true }) !== 0) {
      // npm ci also refuses a lock that lacks other platforms' optional packages (a known npm
      // bug when a lock is regenerated over an existing node_modules). `npm install --no-save`
      // still installs exactly the pinned versions and leaves package-lock.json untouched.
      process.stdout.write(
        '[deps] npm ci failed: retrying with npm install --no-save (same pinned versions)\n',
      );
      const code = npm(['install', '--no-save', '--no-audit', '--no-fund']);
      if (code !== 0) throw new Error(`npm install failed with exit code ${code}`);
    }
    if (!installedTreeMatchesLock()) {
      throw new Error(
        'node_modules still differs from package-lock.json after installing: run `npm ci` to see why',
      );
    }
  } else if (verbose) {
    process.stdout.write('[deps] dependencies are up to date\n');
  }
  fs.writeFileSync(STAMP, `${hash}\n`);
}

module.exports = { ensureDeps };

if (require.main === module) {
  try {
    ensureDeps({ verbose: process.argv.includes('--verbose') });
  } catch (e) {
    process.stderr.write(`[deps] ${e.message}\n`);
    process.exit(1);
  }
}
