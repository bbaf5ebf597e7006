import { spawnSync } from 'child_process';
import { resolve } from 'path';

/**
 * apps/web/src/api/schema.gen.ts is generated from the API's OpenAPI document and checked in; the
 * web app's types (apps/web/src/api/types.ts) derive from it. A change to a DTO without
 * `npm run web:api-types` fails here, so the browser's types cannot drift from the server.
 */
describe('web API types', () => {
  it('are what a fresh generation from the OpenAPI document gives', () => {
    const root = resolve(__dirname, '../..');
    const run = spawnSync(process.execPath, ['scripts/web-api-types.js', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
