// Three jest projects: unit (pure, no process spawned: `npm run test:unit`),
// integration (the built CLI, large or random inputs) and e2e (the golden
// cases). `npm test` runs all three under two machine time zones.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
};

/** @type {import('jest').Config} */
export default {
  // The cache stays in the project: a test run leaves nothing in the temp folder.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    { ...common, displayName: 'integration', roots: ['<rootDir>/test/integration'] },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test/e2e'] },
  ],
};
