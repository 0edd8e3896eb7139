import type {
  CourseCreatedFromFiles,
  CourseVideo,
  CourseVideosResponse,
  VideoCaptionStored,
  CourseLearner,
  Material,
  MaterialsResponse,
  MaterialUploaded,
  NarrationsResponse,
  NarrationUploaded,
  ReviewQueue,
  StudioReview,
  CourseLearnersPage,
  CourseSource,
  LearnerStatus,
  StaffMember,
  StaffResponse,
  StaffRole,
  StudioCourse,
  StudioDraft,
  StudioDraftSaved,
  StudioDraftState,
  StudioPublished,
  LessonChange,
  TeachingCourseItem,
  TeachingCoursesResponse,
  courseLearnersQuerySchema,
  studioCourseCreateSchema,
  studioStaffAddSchema,
} from '@hocvuso/contracts';
import type { z } from 'zod';
import { everyValueOf } from './access-types';
import { request } from './client';

/* The teaching studio's answers and requests, typed from @hocvuso/contracts (apps/api/src/modules/teaching). */
export type {
  CourseCreatedFromFiles,
  CourseLearner,
  CourseLearnersPage,
  CourseSource,
  LearnerStatus,
  StaffMember,
  StaffRole,
  Material,
  CourseVideo,
  VideoCaptionStored,
  StudioCourse,
  StudioDraftState,
  ReviewQueue,
  StudioReview,
  TeachingCourseItem,
};

/** One changed published lesson and how much it changed (minor keeps learners' results, major asks to re-read). */
export interface LessonChangeChoice {
  lessonId: string;
  change: LessonChange;
}

export const LEARNER_STATUSES = everyValueOf<LearnerStatus>()(['not_started', 'in_progress', 'completed']);

/** GET /api/teaching/courses/:id/learners: the query the report page sends. */
export type CourseLearnersParams = Pick<z.input<typeof courseLearnersQuerySchema>, 'status'> & {
  page: number;
  limit: number;
};

const path = (courseId: string, rest = '') => `/teaching/courses/${encodeURIComponent(courseId)}${rest}`;

/** The calls of the teaching studio (a chunk of its own, downloaded only by teachers). */
export const teachingApi = {
  courses: (signal?: AbortSignal) => request<TeachingCoursesResponse>('GET', '/teaching/courses', { signal }),
  createCourse: (body: z.input<typeof studioCourseCreateSchema>) =>
    request<StudioCourse>('POST', '/teaching/courses', { body }),
  course: (courseId: string, signal?: AbortSignal) =>
    request<StudioCourse>('GET', path(courseId), { signal }),
  /** Saves the whole draft; refused with DRAFT_CONFLICT when someone saved after `revision`. */
  saveDraft: (courseId: string, revision: number, document: StudioDraft) =>
    request<StudioDraftSaved>('PUT', path(courseId, '/draft'), { body: { revision, document } }),
  /** Publishes the saved draft; `changes` says, per changed published lesson, whether the change is major. */
  publish: (courseId: string, revision: number, changes: LessonChangeChoice[] = []) =>
    request<StudioPublished>('POST', path(courseId, '/publish'), {
      body: { revision, changes },
    }),
  unpublish: (courseId: string) => request<void>('POST', path(courseId, '/unpublish')),
  /** Sends the saved revision to a reviewer; refused with DRAFT_INCOMPLETE (every reason) when not ready. */
  submitForReview: (courseId: string, revision: number) =>
    request<{ status: string; draftRevision: number }>('POST', path(courseId, '/submit-for-review'), {
      body: { revision },
    }),
  /** The review state, the diff from the published version and the comments per lesson. */
  review: (courseId: string, signal?: AbortSignal) =>
    request<StudioReview>('GET', path(courseId, '/review'), { signal }),
  /** Studio courses waiting for a reviewer (holders of `course.review` only). */
  reviewQueue: (signal?: AbortSignal) => request<ReviewQueue>('GET', '/teaching/reviews', { signal }),
  /** The reviewer's decisions, each about the revision they read (REVIEW_STALE otherwise). */
  approve: (courseId: string, revision: number) =>
    request<{ status: string; draftRevision: number }>('POST', path(courseId, '/approve'), {
      body: { revision },
    }),
  requestChanges: (courseId: string, revision: number, reason: string) =>
    request<{ status: string; draftRevision: number }>('POST', path(courseId, '/request-changes'), {
      body: { revision, reason },
    }),
  addReviewComment: (courseId: string, lessonKey: string, body: string) =>
    request<{ id: string }>('POST', path(courseId, '/review/comments'), { body: { lessonKey, body } }),
  resolveReviewComment: (courseId: string, commentId: string) =>
    request<void>('POST', path(courseId, `/review/comments/${encodeURIComponent(commentId)}/resolve`)),
  materials: (courseId: string, signal?: AbortSignal) =>
    request<MaterialsResponse>('GET', path(courseId, '/materials'), { signal }),
  /** The file's bytes as the body; the type comes from the bytes on the server, never from the name. */
  uploadMaterial: (courseId: string, file: Blob, name: string, altText?: string) =>
    request<MaterialUploaded>('POST', path(courseId, '/materials'), {
      query: { name, ...(altText ? { altText } : {}) },
      raw: { content: file, contentType: 'application/octet-stream' },
    }),
  setMaterialAltText: (courseId: string, materialId: string, altText: string) =>
    request<Material>('PUT', path(courseId, `/materials/${encodeURIComponent(materialId)}/alt-text`), {
      body: { altText },
    }),
  narrations: (courseId: string, signal?: AbortSignal) =>
    request<NarrationsResponse>('GET', path(courseId, '/narrations'), { signal }),
  /** A lesson's narration in one language: the audio's bytes as the body, checked by bytes and ffprobe. */
  uploadNarration: (courseId: string, file: Blob, language: string, name: string) =>
    request<NarrationUploaded>('POST', path(courseId, '/narrations'), {
      query: { language, name },
      raw: { content: file, contentType: 'application/octet-stream' },
    }),
  videos: (courseId: string, signal?: AbortSignal) =>
    request<CourseVideosResponse>('GET', path(courseId, '/videos'), { signal }),
  /** One video: its transcoding status and progress (polled while the worker transcodes it). */
  video: (courseId: string, videoId: string, signal?: AbortSignal) =>
    request<CourseVideo>('GET', path(courseId, `/videos/${encodeURIComponent(videoId)}`), { signal }),
  /** The .vtt file as the body; a file with errors is refused with CAPTIONS_INVALID (every line in details). */
  putCaptions: (courseId: string, videoId: string, language: string, file: Blob) =>
    request<VideoCaptionStored>(
      'PUT',
      path(courseId, `/videos/${encodeURIComponent(videoId)}/captions/${encodeURIComponent(language)}`),
      { raw: { content: file, contentType: 'text/vtt' } },
    ),
  removeCaptions: (courseId: string, videoId: string, language: string) =>
    request<void>(
      'DELETE',
      path(courseId, `/videos/${encodeURIComponent(videoId)}/captions/${encodeURIComponent(language)}`),
    ),
  /** The .zip as the body: a new studio course whose draft is the archive's (docs/course-export.md). */
  importCourse: (file: Blob, id?: string) =>
    request<CourseCreatedFromFiles>('POST', '/teaching/courses/import', {
      ...(id ? { query: { id } } : {}),
      raw: { content: file, contentType: 'application/zip' },
    }),
  /** A file course copied into the studio as a new course (the file course is untouched). */
  copyToStudio: (courseId: string) =>
    request<CourseCreatedFromFiles>('POST', path(courseId, '/copy-to-studio'), { body: {} }),
  learners: (courseId: string, query: CourseLearnersParams, signal?: AbortSignal) =>
    request<CourseLearnersPage>('GET', path(courseId, '/learners'), { query, signal }),
  addStaff: (courseId: string, body: z.input<typeof studioStaffAddSchema>) =>
    request<StaffResponse>('POST', path(courseId, '/staff'), { body }),
  removeStaff: (courseId: string, userId: string) =>
    request<void>('DELETE', path(courseId, `/staff/${encodeURIComponent(userId)}`)),
};

/** Where tus uploads of a course's videos start (docs/video-pipeline.md). */
export const videoUploadsUrl = (courseId: string) => `/api${path(courseId, '/videos/uploads')}`;

/** Where a course downloads as a .zip in the content format (a plain link: the browser saves the file). */
export const courseExportUrl = (courseId: string) => `/api${path(courseId, '/export')}`;

/** Where the learners of a course download as CSV (a plain link: the browser saves the file). */
export const learnersCsvUrl = (courseId: string) => `/api${path(courseId, '/learners.csv')}`;
