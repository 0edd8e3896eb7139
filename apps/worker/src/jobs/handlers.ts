import type { Queryable } from '@hocvuso/db';
import type { JobHandler, JobNameValue } from '@hocvuso/jobs';
import { purgeExpiredSessions } from './purge-expired-sessions.job';

/** Every job the worker runs, by name. The same handlers serve BullMQ and the in-process runner. */
export function jobHandlers(db: Queryable): { [N in JobNameValue]: JobHandler<N> } {
  return {
    'purge-expired-sessions': (payload) => purgeExpiredSessions(db, payload),
  };
}
