import type { StudioDraft } from '@hocvuso/contracts';
import { request } from './client';

/*
 * Shapes of the teaching studio's answers (apps/api/src/modules/teaching); the draft document itself is the
 * shared contract (StudioDraft in @hocvuso/contracts). Keep them in step with the api.
 */

export type StaffRole = 'owner' | 'editor';
export type CourseSource = 'content' | 'studio';

export const LEARNER_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

/** GET /api/teaching/courses: one course the caller teaches (every course for a system administrator). */
export interface TeachingCourseItem {
  id: string;
  source: CourseSource;
  title: { vi: string | null; en?: string | null };
  published: boolean;
  staffRole: StaffRole | null;
  versionNo: number | null;
  draftRevision: number | null;
  unpublishedChanges: boolean;
  draftUpdatedAt: string | null;
  enrolled: number;
  completed: number;
}

export interface StaffMember {
  userId: string;
  displayName: string;
  role: StaffRole;
  addedAt: string;
}

export interface StudioDraftState {
  revision: number;
  publishedRevision: number | null;
  updatedAt: string;
  updatedBy: string | null;
  document: StudioDraft;
}

/** GET /api/teaching/courses/:id. `draft` is null for courses maintained in the content files. */
export interface StudioCourse {
  id: string;
  source: CourseSource;
  published: boolean;
  myRole: StaffRole | null;
  editable: boolean;
  draft: StudioDraftState | null;
  versions: Array<{ versionNo: number; edition: string; createdAt: string; current: boolean }>;
  staff: StaffMember[];
}

export interface CourseLearner {
  userId: string;
  /** null once the learner's account was de-identified. */
  displayName: string | null;
  status: LearnerStatus;
  completedLessons: number;
  totalLessons: number;
  enrolledAt: string;
  lastActivityAt: string | null;
  completedAt: string | null;
  certificateIssued: boolean;
}

export interface CourseLearnersPage {
  counts: Record<LearnerStatus | 'enrolled', number>;
  items: CourseLearner[];
  total: number;
  page: number;
  limit: number;
}

const path = (courseId: string, rest = '') => `/teaching/courses/${encodeURIComponent(courseId)}${rest}`;

/** The calls of the teaching studio (a chunk of its own, downloaded only by teachers). */
export const teachingApi = {
  courses: (signal?: AbortSignal) =>
    request<{ items: TeachingCourseItem[] }>('GET', '/teaching/courses', { signal }),
  createCourse: (body: { id: string; title: string }) =>
    request<StudioCourse>('POST', '/teaching/courses', { body }),
  course: (courseId: string, signal?: AbortSignal) =>
    request<StudioCourse>('GET', path(courseId), { signal }),
  /** Saves the whole draft; refused with DRAFT_CONFLICT when someone saved after `revision`. */
  saveDraft: (courseId: string, revision: number, document: StudioDraft) =>
    request<{ revision: number }>('PUT', path(courseId, '/draft'), { body: { revision, document } }),
  publish: (courseId: string, revision: number) =>
    request<{ versionNo: number; changed: boolean }>('POST', path(courseId, '/publish'), {
      body: { revision },
    }),
  unpublish: (courseId: string) => request<void>('POST', path(courseId, '/unpublish')),
  learners: (
    courseId: string,
    query: { status?: LearnerStatus; page: number; limit: number },
    signal?: AbortSignal,
  ) => request<CourseLearnersPage>('GET', path(courseId, '/learners'), { query, signal }),
  addStaff: (courseId: string, body: { identifier: string; role: StaffRole }) =>
    request<{ items: StaffMember[] }>('POST', path(courseId, '/staff'), { body }),
  removeStaff: (courseId: string, userId: string) =>
    request<void>('DELETE', path(courseId, `/staff/${encodeURIComponent(userId)}`)),
};

/** Where the learners of a course download as CSV (a plain link: the browser saves the file). */
export const learnersCsvUrl = (courseId: string) => `/api${path(courseId, '/learners.csv')}`;
