import { loadWorkerConfig, WorkerConfigError } from './worker.config';

const base = {
  DATABASE_URL: 'postgres://localhost/x',
  COOKIE_SECRET: 'c'.repeat(32),
  ISSUER_KEY_SECRET: 'i'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
};
const production = { ...base, NODE_ENV: 'production' };

describe('the worker refuses a non-public PUBLIC_URL in production (it signs the credentials)', () => {
  it.each([
    ['no PUBLIC_URL (the default is http://localhost:3000)', undefined],
    ['plain http', 'http://hocvuso.example.vn'],
    ['https on localhost', 'https://localhost'],
    ['https on a loopback address', 'https://127.0.0.1'],
  ])('refuses %s, naming the variable', (_what, url) => {
    const env = url === undefined ? production : { ...production, PUBLIC_URL: url };
    expect(() => loadWorkerConfig(env)).toThrow(WorkerConfigError);
    expect(() => loadWorkerConfig(env)).toThrow(/PUBLIC_URL/);
  });

  it('accepts a public https address and issues under it', () => {
    const c = loadWorkerConfig({ ...production, PUBLIC_URL: 'https://hocvuso.example.vn/' });
    expect(c.issuer.publicUrl).toBe('https://hocvuso.example.vn');
  });

  it('leaves development and tests on http://localhost', () => {
    expect(loadWorkerConfig(base).issuer.publicUrl).toBe('http://localhost:3000');
    expect(
      loadWorkerConfig({ ...base, NODE_ENV: 'test', PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl,
    ).toBe('http://127.0.0.1:3000');
  });
});

describe('COVERAGE_RECONCILE_HOUR: the Vietnam hour of the nightly coverage reconcile', () => {
  it('defaults to 2 and takes 0 to 23', () => {
    expect(loadWorkerConfig(base).coverageReconcileHour).toBe(2);
    expect(loadWorkerConfig({ ...base, COVERAGE_RECONCILE_HOUR: '0' }).coverageReconcileHour).toBe(0);
    expect(loadWorkerConfig({ ...base, COVERAGE_RECONCILE_HOUR: '23' }).coverageReconcileHour).toBe(23);
  });

  it.each(['24', '-1', 'two', '2.5'])('refuses %s, naming the variable', (hour) => {
    expect(() => loadWorkerConfig({ ...base, COVERAGE_RECONCILE_HOUR: hour })).toThrow(WorkerConfigError);
    expect(() => loadWorkerConfig({ ...base, COVERAGE_RECONCILE_HOUR: hour })).toThrow(
      /COVERAGE_RECONCILE_HOUR/,
    );
  });
});

describe('the queues a worker runs and its metrics listener', () => {
  it('runs every queue by default, or the ones WORKER_QUEUES names', () => {
    expect(loadWorkerConfig(base).queues).toEqual(['maintenance', 'credentials', 'notifications', 'media']);
    expect(loadWorkerConfig({ ...base, WORKER_QUEUES: ' credentials ,credentials' }).queues).toEqual([
      'credentials',
    ]);
  });

  it('refuses a queue that does not exist, naming the variable', () => {
    expect(() => loadWorkerConfig({ ...base, WORKER_QUEUES: 'credentials,certificates' })).toThrow(
      /WORKER_QUEUES/,
    );
  });

  it('keeps the metrics listener off unless METRICS_PORT is set, and validates who may read it', () => {
    expect(loadWorkerConfig(base).metrics).toEqual({
      port: undefined,
      host: '127.0.0.1',
      access: { token: undefined, allow: [] },
    });
    const on = loadWorkerConfig({
      ...base,
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
      METRICS_TOKEN: 't'.repeat(32),
    });
    expect(on.metrics).toEqual({ port: 9464, host: '0.0.0.0', access: { token: 't'.repeat(32), allow: [] } });
    expect(() => loadWorkerConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('DATABASE_REPLICA_URL: the read replica report generation reads from (optional)', () => {
  it('is absent by default and taken when it is a postgres URL', () => {
    expect(loadWorkerConfig(base).databaseReplicaUrl).toBeUndefined();
    const url = 'postgres://reader@replica.internal:5432/hocvuso?application_name=hvs-replica';
    expect(loadWorkerConfig({ ...base, DATABASE_REPLICA_URL: url }).databaseReplicaUrl).toBe(url);
  });

  it.each(['mysql://replica/x', 'replica.internal:5432', ''])('refuses %j, naming the variable', (url) => {
    expect(() => loadWorkerConfig({ ...base, DATABASE_REPLICA_URL: url })).toThrow(/DATABASE_REPLICA_URL/);
  });
});
