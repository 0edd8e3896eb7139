import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hocvuso:isPublic';

/** Opens a route to callers without a session. Every other route requires one (the global SessionGuard). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
