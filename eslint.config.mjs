// Module boundaries (docs/architecture.md, "Layout and boundaries"): enforced here, not by hope.
// Run through `npm run lint`, which computes the Nx project graph first; a bare `eslint .` on a fresh
// checkout would skip the boundary rule with a "No cached ProjectGraph" warning.
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
  message:
    'app/ (router, layout, header) sits above the features: move shared state to session/ or components/.',
};
const webIntoFeatures = {
  regex: '^(\\.\\./)+features(/|$)',
  message:
    'Only app/ (the router and the shell) imports features; move what is shared to components/ or session/.',
};
const webFeatureInternals = {
  regex: '^\\.\\./[^./][^/]*/',
  message:
    "Another feature's internals: import its entry ('../<feature>') or move the shared piece to components/.",
};

const rawSql = {
  selector: "CallExpression[callee.property.name='query']",
  message:
    'SQL lives in libs/db/src/queries/<context>.queries.ts (typed rows, an integration test each); call a query function instead.',
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
    { sourceTag: 'scope:media', onlyDependOnLibsWithTags: ['scope:domain'] },
    { sourceTag: 'scope:observability', onlyDependOnLibsWithTags: [] },
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
        'scope:issuance',
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
      'no-restricted-syntax': ['error', processEnv, rawSql],
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
    files: ['apps/web/src/{api,components,i18n,session}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [libraryInternals, webUpward, webIntoFeatures] }],
    },
  },
  {
    // Type-aware rules that cost nothing: a promise nobody awaits or catches, a promise where a callback's
    // result is ignored (event handlers), and a switch over a union that forgets a member.
    files: ['apps/*/src/**/*.{ts,tsx}', 'libs/*/src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.server.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // SQL belongs to libs/db (and to tests, which seed and inspect the database directly).
    files: ['libs/db/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', processEnv] },
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
    files: [
      '**/config/**/*.ts',
      '**/test/**/*.ts',
      'libs/testing/**/*.ts',
      'tools/**/*.ts',
      'apps/web/vite.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
