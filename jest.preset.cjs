// Shared Jest settings: SWC transpiles TypeScript (type checking is the `typecheck` target's job),
// and Nx's resolver maps the tsconfig path aliases such as `@todo/api-contracts`.
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageReporters: ['text-summary', 'lcov'],
};
