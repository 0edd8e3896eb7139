import { NotFoundError } from '@hocvuso/domain';

/** 404 `<WHAT>_NOT_FOUND` for a missing or out-of-scope thing (the same answer, so existence does not leak). */
export const notFound = (what: string) =>
  new NotFoundError(`${what.toUpperCase()}_NOT_FOUND`, `There is no such ${what.replace(/_/g, ' ')}.`);
