import { hashKey, type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiQuery } from './query';

export interface ApiState<T> {
  data: T | undefined;
  /** The failure of the last load; cleared while loading again. */
  error: unknown;
  /** True while a request for this data is on its way (the first one, or a reload). */
  loading: boolean;
  /** Loads again (after an error, or when the data changed on the server). */
  reload: () => void;
  /** Replaces the data without a request, e.g. with the response of a POST; every page showing it updates. */
  setData: (data: T) => void;
}

export interface ApiQueryOptions {
  /** False waits (for example until the session is known, or until a choice is made). */
  enabled?: boolean;
  /** Asks the api again on mount even if a fresh answer is cached (a page where the numbers matter). */
  fresh?: boolean;
}

/**
 * The data of one GET operation for a component, from the shared query cache: requests are shared by every
 * component asking for the same key, cancelled when no component wants them any more, and kept as long as
 * the operation's CachePolicy says.
 */
export function useApiQuery<T>(query: ApiQuery<T>, options: ApiQueryOptions = {}): ApiState<T> {
  const client = useQueryClient();
  // Keys are plain JSON (see ApiKey): the hash names the key and stays equal while the key does.
  const keyHash = hashKey(query.queryKey);
  const result = useQuery({
    ...query,
    enabled: options.enabled ?? true,
    ...(options.fresh ? { refetchOnMount: 'always' as const } : {}),
  });
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setData = useCallback(
    (data: T) => void client.setQueryData<T>(JSON.parse(keyHash) as QueryKey, data),
    [client, keyHash],
  );
  return {
    data: result.data,
    error: result.isFetching ? undefined : (result.error ?? undefined),
    loading: result.isFetching,
    reload,
    setData,
  };
}

/**
 * After a write: the answers under these key prefixes are out of date. Pages showing them load again (and
 * keep showing the old answer meanwhile); answers no page shows are dropped, so the next page loads afresh.
 */
export function useInvalidate(): (...prefixes: QueryKey[]) => void {
  const client = useQueryClient();
  return useCallback(
    (...prefixes) => {
      for (const queryKey of prefixes) {
        client.removeQueries({ queryKey, type: 'inactive' });
        void client.invalidateQueries({ queryKey });
      }
    },
    [client],
  );
}
