import { apiKey, apiQuery } from './query';
import { teachingApi } from './teaching-api';

const id = encodeURIComponent;
const path = (courseId: string, rest = '') => `/teaching/courses/${id(courseId)}${rest}`;

/** The GET operations of the teaching studio (loaded with it). */
export const teachingQueries = {
  courses: () => apiQuery('/teaching/courses', {}, (signal) => teachingApi.courses(signal)),
  course: (courseId: string) =>
    apiQuery(path(courseId), {}, (signal) => teachingApi.course(courseId, signal)),
  reviewQueue: () => apiQuery('/teaching/reviews', {}, (signal) => teachingApi.reviewQueue(signal)),
  review: (courseId: string) =>
    apiQuery(path(courseId, '/review'), {}, (signal) => teachingApi.review(courseId, signal)),
  materials: (courseId: string) =>
    apiQuery(path(courseId, '/materials'), {}, (signal) => teachingApi.materials(courseId, signal)),
  narrations: (courseId: string) =>
    apiQuery(path(courseId, '/narrations'), {}, (signal) => teachingApi.narrations(courseId, signal)),
  videos: (courseId: string) =>
    apiQuery(path(courseId, '/videos'), {}, (signal) => teachingApi.videos(courseId, signal)),
  video: (courseId: string, videoId: string) =>
    apiQuery(path(courseId, `/videos/${id(videoId)}`), {}, (signal) =>
      teachingApi.video(courseId, videoId, signal),
    ),
  learners: (courseId: string, params: Parameters<typeof teachingApi.learners>[1]) =>
    apiQuery(path(courseId, '/learners'), params, (signal) => teachingApi.learners(courseId, params, signal)),
};

/** What a write of the studio makes out of date (prefixes for `useInvalidate`). */
export const teachingChangedBy = {
  /** A draft saved, published or unpublished, staff changed: the course and the list of taught courses. */
  course: (courseId: string) => [apiKey(path(courseId)), apiKey('/teaching/courses')],
  /**
   * Publishing or unpublishing: the list of taught courses and what learners see (the catalogue, the
   * course, its lessons). The editor reloads its course itself (it keeps its own draft state).
   */
  published: () => [apiKey('/teaching/courses'), ['courses'], ['lessons']],
};
