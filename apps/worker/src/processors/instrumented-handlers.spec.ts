import { createJobMetrics, createMetricsRegistry, parseExposition } from '@hocvuso/observability';
import type { JobHandler } from '@hocvuso/jobs';
import { instrumentHandlers } from './instrumented-handlers';

describe('timed job handlers', () => {
  it('observe each run by queue, job and outcome, count certificates, and rethrow retryable errors', async () => {
    const registry = createMetricsRegistry('worker');
    let now = 0;
    const outcomes = ['done', 'done', 'skipped', 'failed'] as const;
    let i = 0;
    const handlers = instrumentHandlers<{
      'issue-certificate': JobHandler<'issue-certificate'>;
      'send-pending-sms': JobHandler<'send-pending-sms'>;
    }>(
      {
        'issue-certificate': async () => {
          now += 250;
          return outcomes[i++]!;
        },
        'send-pending-sms': async () => {
          now += 2_000;
          throw new Error('SMSC unreachable');
        },
      },
      createJobMetrics(registry),
      () => now,
    );
    for (let n = 0; n < 4; n++) await handlers['issue-certificate']({ requestId: `r${n}` });
    await expect(handlers['send-pending-sms']({})).rejects.toThrow('SMSC unreachable');

    const samples = parseExposition(await registry.metrics());
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        ?.value;
    const cert = { queue: 'credentials', job: 'issue-certificate' };
    expect(value('hvs_job_duration_seconds_count', { ...cert, outcome: 'done' })).toBe(2);
    expect(value('hvs_job_duration_seconds_sum', { ...cert, outcome: 'done' })).toBe(0.5);
    expect(value('hvs_job_duration_seconds_count', { ...cert, outcome: 'skipped' })).toBe(1);
    expect(value('hvs_job_duration_seconds_count', { ...cert, outcome: 'failed' })).toBe(1);
    expect(
      value('hvs_job_duration_seconds_count', {
        queue: 'notifications',
        job: 'send-pending-sms',
        outcome: 'error',
      }),
    ).toBe(1);
    expect(value('hvs_certificates_issued_total')).toBe(2);
    expect(value('hvs_certificates_failed_total')).toBe(1);
  });
});
