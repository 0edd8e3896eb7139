import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseExposition, type Sample } from '@hocvuso/observability';
import pino from 'pino';
import { loadWorkerConfig } from '../src/config/worker.config';
import { JobRuntime } from '../src/processors/job-runtime';
import { WorkerModule } from '../src/worker.module';

const TOKEN = 'worker-metrics-token-0123456789abcdefgh';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

describe("the worker's metrics listener", () => {
  let worker: INestApplicationContext;
  let url: string;
  beforeAll(async () => {
    // Without Redis the worker runs its schedules in-process, the first ones a few seconds after boot: those
    // runs are this worker's own, whatever other suites do with the shared database.
    const config = loadWorkerConfig({
      ...process.env,
      REDIS_URL: undefined,
      LOG_LEVEL: 'silent',
      METRICS_PORT: '0',
      METRICS_TOKEN: TOKEN,
    });
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(config, pino({ level: 'silent' })),
      { logger: false },
    );
    await worker.init();
    url = `http://127.0.0.1:${worker.get(JobRuntime).metricsPort}/metrics`;
  });
  afterAll(() => worker.close());

  const scrape = async (): Promise<Sample[]> => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  };

  it('answers 401 in the error shape without the token, and 404 off /metrics', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await res.json()).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    const wrong = await fetch(url, { headers: { authorization: `Bearer ${TOKEN.toUpperCase()}` } });
    expect(wrong.status).toBe(401);
    const other = await fetch(url.replace('/metrics', '/metrics/../etc'), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(other.status).toBe(404);
  });

  it('times the jobs it runs by queue, job and outcome, and shows its pool and runner', async () => {
    let samples: Sample[] = [];
    await waitFor(async () => {
      samples = await scrape();
      return samples.some(
        (s) => s.name === 'hvs_job_duration_seconds_count' && s.labels.job === 'purge-expired-sessions',
      );
    });
    const purge = samples.find(
      (s) => s.name === 'hvs_job_duration_seconds_count' && s.labels.job === 'purge-expired-sessions',
    )!;
    expect(purge.labels).toEqual({
      queue: 'maintenance',
      job: 'purge-expired-sessions',
      // 'done' when it purged something, 'skipped' when there was nothing to purge.
      outcome: expect.stringMatching(/^(done|skipped)$/),
      service: 'worker',
    });
    expect(purge.value).toBeGreaterThanOrEqual(1);
    expect(samples.find((s) => s.name === 'hvs_db_pool_max_connections')?.labels.service).toBe('worker');
    expect(samples.filter((s) => s.name === 'hvs_inprocess_jobs').map((s) => s.labels.state)).toEqual([
      'running',
      'waiting',
    ]);
    expect(samples.some((s) => s.name === 'hvs_certificates_issued_total')).toBe(true);
  });
});
