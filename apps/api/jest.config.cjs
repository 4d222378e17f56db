module.exports = {
  displayName: 'api',
  testEnvironment: '<rootDir>/test/database-environment.cjs',
  transform: { '^.+\\.tsx?$': require('../../jest.swc.cjs') },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/use-worker-pglite.ts', '<rootDir>/test/fail-on-console.ts'],
};
