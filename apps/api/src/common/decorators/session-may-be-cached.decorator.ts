import { SetMetadata } from '@nestjs/common';

export const SESSION_MAY_BE_CACHED = 'hocvuso:sessionMayBeCached';

/**
 * Lets the SessionGuard take the caller's session from a cache of sessions the database validated a few seconds
 * ago, without a query (docs/performance.md, "A heartbeat without a query"). Only for a route whose every write
 * checks in SQL that the session is still live, in the transaction that writes (the video heartbeat); a
 * revoked session then gets through the guard for at most those seconds and still changes nothing.
 */
export const SessionMayBeCached = () => SetMetadata(SESSION_MAY_BE_CACHED, true);
