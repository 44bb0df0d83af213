// One jest run over every library and suite; swc strips types (tsc checks them in `npm run typecheck`).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/tests'].concat(require('node:fs').existsSync(__dirname + '/services') ? ['<rootDir>/services'] : []),
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  // Installs the tools the suites use, and stops the local servers the run itself started.
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  testTimeout: 30000,
  // The suites share one local Kafka broker and FerretDB, and the distributed suite stops and
  // starts them: one worker, so no other suite is using them meanwhile (2 cores here anyway).
  maxWorkers: 1,
};
