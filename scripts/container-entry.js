#!/usr/bin/env node
/**
 * The container image's entry point: one image, the program chosen by the first argument.
 *   api | worker | gateway   the three programs (dist/apps/<name>/src/main.js)
 *   migrate                  runs pending migrations and exits (the chart's Job, compose's one-shot)
 */
'use strict';

const path = require('path');

const ENTRIES = {
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  gateway: 'dist/apps/gateway/src/main.js',
  migrate: 'dist/libs/persistence/src/cli/migrate.js',
};

const which = process.argv[2];
if (!ENTRIES[which]) {
  process.stderr.write(`usage: <image> ${Object.keys(ENTRIES).join(' | ')} (got "${which ?? ''}")\n`);
  process.exit(64);
}
require(path.join(__dirname, '..', ENTRIES[which]));
