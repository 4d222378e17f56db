module.exports = {
  displayName: 'web',
  testEnvironment: 'jest-fixed-jsdom',
  testEnvironmentOptions: { customExportConditions: [''] },
  transform: {
    '^.+\\.(tsx?|jsx?|mjs)$': require('../../jest.swc.cjs'),
  },
  // react-dsfr ships untranspiled ESM; msw 2 has ESM-only dependencies.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@codegouvfr/react-dsfr|rettime|until-async|@open-draft|msw|@mswjs|tldts|tldts-core|headers-polyfill|outvariant|strict-event-emitter|is-node-process))',
  ],
  moduleNameMapper: {
    '\\.(css)$': '<rootDir>/src/testing/style-stub.cjs',
    '\\.(svg|png|jpg|woff2?|ico)$': '<rootDir>/src/testing/file-stub.cjs',
  },
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-tests.ts'],
  testMatch: ['<rootDir>/src/**/*.test.tsx', '<rootDir>/src/**/*.test.ts'],
};
