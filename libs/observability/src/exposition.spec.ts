import { Counter, Histogram } from 'prom-client';
import { ExpositionError, parseExposition } from './exposition';
import {
  cachedRead,
  createMetricsRegistry,
  registerPoolGauges,
  registerQueueGauges,
} from './metrics-registry';

describe('the text exposition format', () => {
  it('reads what prom-client writes, label escapes included', async () => {
    const registry = createMetricsRegistry('api');
    const c = new Counter({ name: 'x_total', help: 'x', labelNames: ['v'], registers: [registry] });
    c.inc({ v: 'a "quoted"\\ back\nslash' });
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [1], registers: [registry] }).observe(0.5);
    const samples = parseExposition(await registry.metrics());
    expect(samples.find((s) => s.name === 'x_total')).toEqual({
      name: 'x_total',
      labels: { v: 'a "quoted"\\ back\nslash', service: 'api' },
      value: 1,
    });
    expect(samples.filter((s) => s.name === 'h_seconds_bucket').map((s) => s.labels.le)).toEqual([
      '1',
      '+Inf',
    ]);
    // Node's default process metrics are there.
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it.each([
    ['a value that is not a number', '# TYPE a gauge\na two\n'],
    ['a sample before its TYPE', 'a 1\n# TYPE a gauge\n'],
    ['a histogram suffix on a gauge', '# TYPE a gauge\na_bucket{le="1"} 1\n'],
    ['an unquoted label', '# TYPE a gauge\na{x=1} 1\n'],
    ['an unclosed label', '# TYPE a gauge\na{x="1} 1\n'],
    ['a bad escape', '# TYPE a gauge\na{x="\\t"} 1\n'],
    ['a label twice', '# TYPE a gauge\na{x="1",x="2"} 1\n'],
    ['a bad metric name', '# TYPE 1a gauge\n'],
    ['an unknown type', '# TYPE a meter\n'],
    ['a missing final newline', '# TYPE a gauge\na 1'],
    ['trailing words', '# TYPE a gauge\na 1 2 3\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
  });

  it('pool gauges show what the pool holds, and nothing before the pool exists', async () => {
    const registry = createMetricsRegistry('worker');
    let stats: { max: number; total: number; idle: number; waiting: number } | undefined = undefined;
    registerPoolGauges(registry, () => stats);
    const before = parseExposition(await registry.metrics());
    expect(before.filter((s) => s.name.startsWith('hvs_db_pool'))).toEqual([]);
    stats = { max: 20, total: 7, idle: 2, waiting: 3 };
    const after = parseExposition(await registry.metrics());
    const value = (name: string) => after.find((s) => s.name === name)?.value;
    expect([
      value('hvs_db_pool_max_connections'),
      value('hvs_db_pool_total_connections'),
      value('hvs_db_pool_idle_connections'),
      value('hvs_db_pool_busy_connections'),
      value('hvs_db_pool_waiting_clients'),
    ]).toEqual([20, 7, 2, 5, 3]);
  });

  it('queue gauges say when the queues could not be read instead of failing the scrape', async () => {
    const registry = createMetricsRegistry('api');
    let fail = false;
    registerQueueGauges(registry, async () => {
      if (fail) throw new Error('redis down');
      return [{ queue: 'credentials', counts: { waiting: 4, failed: 1 } }];
    });
    const ok = parseExposition(await registry.metrics());
    expect(ok.filter((s) => s.name === 'hvs_queue_jobs').map((s) => [s.labels.state, s.value])).toEqual([
      ['waiting', 4],
      ['active', 0],
      ['delayed', 0],
      ['failed', 1],
    ]);
    expect(ok.find((s) => s.name === 'hvs_queue_depth_up')?.value).toBe(1);
    fail = true;
    const down = parseExposition(await registry.metrics());
    expect(down.filter((s) => s.name === 'hvs_queue_jobs')).toEqual([]);
    expect(down.find((s) => s.name === 'hvs_queue_depth_up')?.value).toBe(0);
  });

  it('a cached read is shared while fresh and read again once stale; failures are not cached', async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    const read = cachedRead(
      async () => {
        reads++;
        if (fail) throw new Error('down');
        return reads;
      },
      5_000,
      () => now,
    );
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    now = 4_999;
    expect(await read()).toBe(1);
    now = 5_000;
    fail = true;
    await expect(read()).rejects.toThrow('down');
    fail = false;
    expect(await read()).toBe(3);
    expect(reads).toBe(3);
  });
});
