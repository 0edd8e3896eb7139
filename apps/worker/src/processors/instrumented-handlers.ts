import { performance } from 'node:perf_hooks';
import { type JobHandler, type JobNameValue, QUEUE_OF } from '@hocvuso/jobs';
import type { JobMetrics } from '@hocvuso/observability';

/**
 * The same handlers, timed: each run is observed by queue, job and outcome (`done`, `skipped`, `failed` for
 * good, or `error` when it threw for a retry, rethrown unchanged), and every certificate request that ends
 * is counted as issued or failed. Both transports (BullMQ and the in-process runner) run these.
 */
export function instrumentHandlers<H extends { [N in JobNameValue]?: JobHandler<N> }>(
  handlers: H,
  metrics: JobMetrics,
  clock: () => number = () => performance.now(),
): H {
  const timed: Record<string, JobHandler> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[JobNameValue, JobHandler]>) {
    timed[name] = async (payload) => {
      const start = clock();
      const observe = (outcome: string) =>
        metrics.observe(QUEUE_OF[name], name, outcome, (clock() - start) / 1000);
      let outcome;
      try {
        outcome = await handler(payload);
      } catch (err) {
        observe('error');
        throw err;
      }
      observe(outcome);
      if (name === 'issue-certificate' && outcome === 'done') metrics.certificate('issued');
      if (name === 'issue-certificate' && outcome === 'failed') metrics.certificate('failed');
      return outcome;
    };
  }
  return timed as H;
}
