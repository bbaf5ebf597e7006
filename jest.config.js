/**
 * One Jest config, three projects: unit specs beside the code (pure logic, no I/O), and
 * integration / end-to-end suites under test/ against real Postgres and Redis.
 */
const fs = require('fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.exclude;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] };
const moduleNameMapper = {
  '^@qatys/contracts(.*)$': '<rootDir>/libs/contracts/src$1',
  '^@qatys/domain(.*)$': '<rootDir>/libs/domain/src$1',
  '^@qatys/persistence(.*)$': '<rootDir>/libs/persistence/src$1',
  '^@qatys/observability(.*)$': '<rootDir>/libs/observability/src$1',
  '^@qatys/config(.*)$': '<rootDir>/config$1',
};
const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Global (a per-project testTimeout is ignored): suites start real servers on a busy 2-core box.
  testTimeout: 60000,
  // On 2 cores Jest would run every suite inside its own main process (one worker or less means
  // "in band"), where what each suite leaves behind piles up until the heap limit ends the whole
  // run with no results (seen at ~3.6 GB after 14 minutes). A memory limit makes Jest use a worker
  // even then, and restart it between suites once it holds more than this.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,config}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
