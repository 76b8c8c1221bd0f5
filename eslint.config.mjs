// ESLint flat config for the whole workspace. `@nx/eslint/plugin` (nx.json) gives every project a
// `lint` target that runs `eslint .` in the project's root, and this file is the only config.
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

// Some projects sit inside another one (apps/backend/test in apps/backend, infra/k8s/e2e in
// infra/k8s, ...). When `eslint .` runs in a project's root, leave the nested projects to their
// own `lint` target, so that no file is linted (and reported) twice.
function nestedProjectRoots(dir, acc = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.'))
      continue;
    const child = join(dir, entry.name);
    if (readdirSync(child).includes('project.json')) acc.push(child);
    nestedProjectRoots(child, acc);
  }
  return acc;
}
const cwd = relative(workspaceRoot, process.cwd());
const nestedProjectIgnores =
  cwd === '' || cwd.startsWith('..')
    ? []
    : nestedProjectRoots(process.cwd()).map(
        (root) => `${relative(workspaceRoot, root).split(sep).join('/')}/**`,
      );

// Who may import whom, by the tags in each project.json.
const depConstraints = [
  // Apps may import libs; libs never import apps.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] },
  // Infra code imports @todo/testing only; the infra projects' helpers it shares by relative path
  // are listed in `allow` below.
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib'] },
  // The documentation's checks use the shared test helpers only.
  { sourceTag: 'type:docs', onlyDependOnLibsWithTags: ['type:lib'] },
  // The UI never imports the API's code and the other way round (transitively, too).
  { sourceTag: 'scope:frontend', notDependOnLibsWithTags: ['scope:backend'] },
  { sourceTag: 'scope:backend', notDependOnLibsWithTags: ['scope:frontend'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:shared', 'scope:test'] },
];

// Files of the repo-wide tools/ that projects read: the Chromium flag list (browser-driving tests)
// and the shared Jest project settings (every jest config).
const sharedToolFiles = [
  '^(\\.\\./)+tools/browser/chromium-args\\.json$',
  '^(\\.\\./)+tools/jest/project\\.cjs$',
];

const moduleBoundaries = (allow = []) => [
  'error',
  { allow: [...sharedToolFiles, ...allow], depConstraints },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/coverage',
      '**/node_modules',
      '**/.next',
      '**/.nx',
      'apps/frontend/next-env.d.ts',
      ...nestedProjectIgnores,
    ],
  },
  {
    files: ['**/*.{ts,tsx,cts,mts,js,jsx,cjs,mjs}'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(),
      // `omit by rest` (`const { requestId: _a, ...rest } = body`) is how the code drops a key.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
    },
  },
  {
    // A test project tests its app from the outside, so it reaches the app's source by a relative
    // path. Nx's rule forbids any import of an app (relative or by alias), so these, and only
    // these, are allowed: `src/` of the app the test project sits in.
    files: ['apps/*/test/**'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['../src/**', '../../src/**']),
    },
  },
  {
    // The infra projects share test helpers by relative path: the stories (infra/k8s/e2e) use the
    // cluster tests' helpers (infra/k8s/test), and both use the image helpers (infra/docker/test).
    files: ['infra/**'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(['../test/**', '../../docker/test/**']),
    },
  },
  {
    // Test code indexes arrays under `noUncheckedIndexedAccess` and reads untyped kubectl/helm/HTTP
    // JSON: `x!` and `any` there state what the test checks, and a wrong guess fails the test.
    files: ['apps/*/test/**', 'libs/*/test/**', 'libs/testing/**', 'infra/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
