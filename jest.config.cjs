// One Jest run, four tiers (projects). Tests run on the TypeScript sources through @swc/jest (with decorator
// metadata); the ESM-only packages that Node 20's Jest cannot require are transformed too.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const esmPackages = [
  '@nestjs',
  '@fastify/cookie',
  '@fastify/static',
  'cookie',
  'content-disposition',
  'file-type',
  'uid',
  'token-types',
  'strtok3',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  '@digitalbazaar/vc',
  '@digitalbazaar/vc-bitstring-status-list',
  '@digitalbazaar/bitstring',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/ed25519-multikey',
  'base58-universal',
  'base64url-universal',
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
  // Kubernetes' OpenAPI schemas as compiled validators (the deploy/k8s test).
  'kubernetes-models',
  '@kubernetes-models',
  'is-cidr',
  'cidr-regex',
  // Resumable uploads (tus-node and its request adapter).
  '@tus',
  'srvx',
];

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@hocvuso/(domain|contracts|db|jobs|content|testing|storage|media|credentials|issuance|observability)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^@hocvuso/migrations$': '<rootDir>/migrations/index.ts',
    // ESM-only packages whose exports name only the `import` condition, which Jest's require cannot use.
    '^kubernetes-models/(.+)$': '<rootDir>/node_modules/kubernetes-models/$1.js',
    '^@kubernetes-models/apimachinery/(.+)$': '<rootDir>/node_modules/@kubernetes-models/apimachinery/$1.js',
    '^@kubernetes-models/(base|validate)$': '<rootDir>/node_modules/@kubernetes-models/$1/dist/index.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

const services = {
  globalSetup: '<rootDir>/tools/test/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/test/global-teardown.mjs',
};

module.exports = {
  maxWorkers: 2,
  // testTimeout is a global option (projects ignore their own); long browser journeys set theirs per test.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/deploy/**/*.spec.ts'],
    },
    {
      ...common,
      ...services,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/{src,test}/**/*.integration-spec.ts'],
    },
    { ...common, ...services, displayName: 'e2e', testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'] },
    {
      ...common,
      ...services,
      globalSetup: '<rootDir>/tools/test/browser-global-setup.mjs',
      displayName: 'browser',
      testMatch: ['<rootDir>/apps/web/test/**/*.browser-spec.ts'],
      // One retry for a journey that fails under load; the summary names each one (support/retry-once.ts).
      setupFilesAfterEnv: ['<rootDir>/apps/web/test/support/retry-once.ts'],
    },
  ],
};
