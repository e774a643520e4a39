/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/x', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // cosmjs 0.39 depends on the ESM-only @noble v2 / @scure v2 packages.
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure)/)'],
  testTimeout: 30_000,
};
