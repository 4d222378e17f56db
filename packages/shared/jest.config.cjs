module.exports = {
  displayName: 'shared',
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': require('../../jest.swc.cjs') },
  testMatch: ['<rootDir>/src/**/*.test.ts'],
};
