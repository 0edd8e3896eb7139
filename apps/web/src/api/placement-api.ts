import type {
  MyPathResponse,
  PlacementAttemptResponse,
  StartPlacementRequest,
  SubmitPlacementRequest,
} from '@hocvuso/contracts';
import { type Lang, request } from './client';
import { apiQuery } from './query';

/** The placement test and the learner's path (docs/placement.md); loaded with My learning and the placement pages. */
export const placementApi = {
  myPath: (lang: Lang, signal?: AbortSignal) =>
    request<MyPathResponse>('GET', '/me/path', { query: { lang }, signal }),
  attempt: (attemptId: string, lang: Lang, signal?: AbortSignal) =>
    request<PlacementAttemptResponse>('GET', `/placement/attempts/${encodeURIComponent(attemptId)}`, {
      query: { lang },
      signal,
    }),
  start: (body: StartPlacementRequest, lang: Lang) =>
    request<PlacementAttemptResponse>('POST', '/placement/attempts', { query: { lang }, body }),
  submit: (attemptId: string, body: SubmitPlacementRequest, lang: Lang) =>
    request<PlacementAttemptResponse>('POST', `/placement/attempts/${encodeURIComponent(attemptId)}/submit`, {
      query: { lang },
      body,
    }),
};

/** The GET operations of the placement pages. */
export const placementQueries = {
  myPath: (lang: Lang) => apiQuery('/me/path', { lang }, (signal) => placementApi.myPath(lang, signal)),
  attempt: (attemptId: string, lang: Lang) =>
    apiQuery(`/placement/attempts/${encodeURIComponent(attemptId)}`, { lang }, (signal) =>
      placementApi.attempt(attemptId, lang, signal),
    ),
};
