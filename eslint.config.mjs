// Module boundaries (see ARCHITECTURE.md "Boundaries"): enforced here, not by hope.
// Run through `npm run lint`, which computes the Nx project graph first; a bare `eslint .` on a fresh
// checkout would skip the boundary rule with a "No cached ProjectGraph" warning.
import nx from '@nx/eslint-plugin';

const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only the typed config (config/*.config.ts) reads process.env; inject the config instead.',
};

const libraryInternals = {
  group: ['@hocvuso/*/src', '@hocvuso/*/src/**', '@hocvuso/*/dist/**'],
  message: 'Import the library entry point (@hocvuso/<lib>), not its internals.',
};

/**
 * The web app's layers, from the bottom: api, i18n, session and components, features, app (router and shell).
 * Nothing imports upward, and a feature uses another feature only through that feature's entry (index.ts).
 */
const webUpward = {
  regex: '^(\\.\\./)+app(/|$)',
  message: 'app/ (router, layout, header) sits above the features: move shared state to session/ or components/.',
};
const webIntoFeatures = {
  regex: '^(\\.\\./)+features(/|$)',
  message: 'Only app/ (the router and the shell) imports features; move what is shared to components/ or session/.',
};
const webFeatureInternals = {
  regex: '^\\.\\./[^./][^/]*/',
  message: "Another feature's internals: import its entry ('../<feature>') or move the shared piece to components/.",
};

/** Which projects may import which (by their Nx tags). */
const boundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'] },
    { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:domain'] },
    {
      sourceTag: 'scope:db',
      onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts', 'scope:migrations'],
    },
    { sourceTag: 'scope:migrations', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'scope:storage', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'scope:credentials', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
    {
      sourceTag: 'scope:issuance',
      onlyDependOnLibsWithTags: [
        'scope:domain',
        'scope:contracts',
        'scope:db',
        'scope:jobs',
        'scope:credentials',
        'scope:storage',
      ],
    },
    { sourceTag: 'scope:jobs', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
    { sourceTag: 'scope:content', onlyDependOnLibsWithTags: ['scope:domain', 'scope:contracts'] },
    {
      sourceTag: 'scope:testing',
      onlyDependOnLibsWithTags: [
        'scope:domain',
        'scope:contracts',
        'scope:db',
        'scope:jobs',
        'scope:content',
      ],
    },
    { sourceTag: 'platform:web', onlyDependOnLibsWithTags: ['platform:any'] },
    { sourceTag: 'platform:server', onlyDependOnLibsWithTags: ['platform:any', 'platform:server'] },
  ],
};

export default [
  {
    ignores: [
      '**/dist/**',
      '**/.data/**',
      '**/.nx/**',
      '**/node_modules/**',
      'content/**',
      'coverage/**',
      'migrations/1*.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      'no-restricted-imports': ['error', { patterns: [libraryInternals] }],
      'no-restricted-syntax': ['error', processEnv],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [libraryInternals, webUpward, webIntoFeatures, webFeatureInternals] },
      ],
    },
  },
  {
    files: [
      'apps/web/src/{api,components,i18n,session}/**/*.{ts,tsx}',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [libraryInternals, webUpward, webIntoFeatures] }] },
  },
  {
    // The web app's browser tests run in Node beside the api, so they may use the server-side test helpers
    // (a real OpenID Provider, databases) that the web app itself must never import.
    files: ['apps/web/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...boundaries, allow: ['@hocvuso/testing'] }],
    },
  },
  {
    // The config loaders, test infrastructure and dev tools are the places allowed to read the environment.
    files: ['**/config/**/*.ts', '**/test/**/*.ts', 'libs/testing/**/*.ts', 'tools/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
