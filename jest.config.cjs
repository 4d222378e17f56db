/** Every test suite of the repository, as jest projects. `npm test` runs them all. */
module.exports = {
  testTimeout: 30_000,
  projects: ['<rootDir>/packages/shared', '<rootDir>/apps/api', '<rootDir>/apps/web'],
};
