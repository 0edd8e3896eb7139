import { BullJobQueue, redisConnection } from '@hocvuso/jobs';

/**
 * A BullMQ producer for tests that need their job to arrive. The api's producer gives up after 1 s (the outbox
 * and the sweeps then carry the work), but a first `add` on a busy CI machine connects and loads BullMQ's scripts
 * and can take longer; a test about the worker must not fail on that, so it waits up to 15 s.
 */
export function testJobQueue(redisUrl: string, prefix = 'hvs'): BullJobQueue {
  return new BullJobQueue(redisConnection(redisUrl), prefix, { enqueueTimeoutMs: 15_000 });
}
