/**
 * `node -r ./scripts/lib/ts-register.js apps/<app>/src/main.ts`: runs an app's real entry
 * point from the TypeScript sources (SWC, same settings as the build) so tests can start the
 * actual program as a process without a prior `npm run build`.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
delete swcrc.exclude;
swcrc.jsc.baseUrl = root;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    ...swcrc,
    filename,
    swcrc: false,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
