import type {
  CourseDetail,
  CourseListQuery,
  CourseListResponse,
  CourseProgressResponse,
  CsrfResponse,
  EnrolmentSummary,
  FrameworksResponse,
  ErrorResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  Language,
  LanguagesResponse,
  LessonActionResponse,
  LessonResponse,
  MeResponse,
  MoveVersionResponse,
  MyLearningResponse,
  MyMandatesResponse,
  NotificationsResponse,
  QuizAttemptResponse,
  SignInRequest,
  SignUpRequest,
  SubmitAttemptRequest,
  VideoAnswerRequest,
  VideoAnswerResponse,
} from '@hocvuso/contracts';
import type { ProfilePrompt, ProfileResponse } from './access-types';

/** Codes the client itself produces when no api error body is available. */
export const CLIENT_ERROR_CODES = { network: 'NETWORK_ERROR', unexpected: 'UNEXPECTED_RESPONSE' } as const;

/** A failed api call: the api's stable `code`, the HTTP status and the optional details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
    /** Seconds to wait before trying again, from a 429's Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** True for the error a cancelled request throws; callers ignore it. */
export const isAbortError = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

export type Lang = Language;

/** GET /api/courses: the filters the catalogue sends (the query schema's parsed side; `lang` always). */
export type CourseListParams = Partial<Omit<CourseListQuery, 'lang'>> & { lang: Lang };

type Query = Record<string, string | number | undefined>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Sent as is, with its own content type, instead of a JSON body: a CSV file's text, or a file's bytes (a Blob,
   * e.g. an XLSX workbook chosen in a file input).
   */
  raw?: { content: string | Blob; contentType: string };
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Lets the request outlive the page (a last heartbeat while leaving). */
  keepalive?: boolean;
}

let csrfToken: Promise<string> | undefined;
/** The token once known, for navigator.sendBeacon, which must be called synchronously while the page hides. */
let csrfTokenValue: string | undefined;
const unauthenticatedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the api answers UNAUTHENTICATED (the session ended or expired), so the app can
 * forget the signed-in learner. Returns the unsubscribe function.
 */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= request<CsrfResponse>('GET', '/auth/csrf').then(
    (r) => {
      csrfTokenValue = r.token;
      return r.token;
    },
    (e: unknown) => {
      csrfToken = undefined;
      throw e;
    },
  );
  return csrfToken;
}

/** Forgets the CSRF token, for example after signing out; the next POST fetches a fresh one. */
export function resetCsrfToken(): void {
  csrfToken = undefined;
  csrfTokenValue = undefined;
}

/** The CSRF token, for requests another library sends (tus-js-client's video uploads carry it in `headers`). */
export function csrfTokenForUpload(): Promise<string> {
  return fetchCsrfToken();
}

/** Fetches the CSRF token ahead of time, so a later beacon can carry it. */
export function prepareCsrfToken(): void {
  fetchCsrfToken().catch(() => undefined);
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The address of an api call, as `request` sends it (a course download stores answers under it). */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorResponse>;
    if (typeof body.code === 'string') {
      return new ApiError(
        response.status,
        body.code,
        body.message ?? '',
        body.details,
        body.requestId,
        retryAfter(response),
      );
    }
  } catch {
    // Not JSON (a proxy error page, for example): fall through to a generic error.
  }
  return new ApiError(
    response.status,
    CLIENT_ERROR_CODES.unexpected,
    response.statusText,
    undefined,
    undefined,
    retryAfter(response),
  );
}

/** One api call; exported for the account and admin api modules (loaded with their pages). */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET') {
    headers['x-csrf-token'] = await fetchCsrfToken();
    if (options.raw) headers['content-type'] = options.raw.contentType;
    else if (options.body !== undefined) headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.raw
        ? options.raw.content
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (e) {
    if (isAbortError(e)) throw e;
    throw new ApiError(0, CLIENT_ERROR_CODES.network, e instanceof Error ? e.message : 'network error');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (method !== 'GET' && error.code === 'CSRF_INVALID' && !retried) {
      resetCsrfToken();
      return request<T>(method, path, options, true);
    }
    if (error.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The typed api of Học vụ số (same origin, under /api). */
export const api = {
  me: (signal?: AbortSignal) => request<MeResponse>('GET', '/auth/me', { signal }),
  /** The skills frameworks (the admin's framework page and the studio's competency picker). */
  frameworks: (signal?: AbortSignal) => request<FrameworksResponse>('GET', '/frameworks', { signal }),
  /** The configured languages (content/languages.yaml): the switcher's, the profile's and the pickers' lists. */
  languages: (signal?: AbortSignal) => request<LanguagesResponse>('GET', '/languages', { signal }),
  signIn: (body: SignInRequest) => request<MeResponse>('POST', '/auth/sign-in', { body }),
  signUp: (body: SignUpRequest) => request<MeResponse>('POST', '/auth/sign-up', { body }),
  signOut: () => request<void>('POST', '/auth/sign-out'),

  courses: (params: CourseListParams, signal?: AbortSignal) =>
    request<CourseListResponse>('GET', '/courses', { query: { ...params }, signal }),
  /** The course page at its current version, or at `version` (the earlier one a learner in progress is on). */
  course: (courseId: string, lang: Lang, signal?: AbortSignal, version?: string) =>
    request<CourseDetail>('GET', `/courses/${encodeURIComponent(courseId)}`, {
      query: version ? { lang, version } : { lang },
      signal,
    }),
  enrol: (courseId: string, lang: Lang) =>
    request<EnrolmentSummary>('POST', `/courses/${encodeURIComponent(courseId)}/enrol`, { query: { lang } }),

  myLearning: (lang: Lang, signal?: AbortSignal) =>
    request<MyLearningResponse>('GET', '/me/learning', { query: { lang }, signal }),
  courseProgress: (courseId: string, lang: Lang, signal?: AbortSignal) =>
    request<CourseProgressResponse>('GET', `/me/courses/${encodeURIComponent(courseId)}`, {
      query: { lang },
      signal,
    }),
  /** Moves the learner to the course's current version (the one the notice named). */
  moveVersion: (courseId: string, versionId: string, lang: Lang) =>
    request<MoveVersionResponse>('POST', `/me/courses/${encodeURIComponent(courseId)}/version`, {
      query: { lang },
      body: { versionId },
    }),

  lesson: (lessonId: string, lang: Lang, signal?: AbortSignal) =>
    request<LessonResponse>('GET', `/lessons/${encodeURIComponent(lessonId)}`, { query: { lang }, signal }),
  completeLesson: (lessonId: string, lang: Lang) =>
    request<EnrolmentSummary>('POST', `/lessons/${encodeURIComponent(lessonId)}/complete`, {
      query: { lang },
      body: { reachedEnd: true },
    }),
  saveChecklist: (lessonId: string, ticked: number[], lang: Lang) =>
    request<LessonActionResponse>('PUT', `/lessons/${encodeURIComponent(lessonId)}/checklist`, {
      query: { lang },
      body: { ticked },
    }),
  documentOpened: (lessonId: string, lang: Lang) =>
    request<LessonActionResponse>('POST', `/lessons/${encodeURIComponent(lessonId)}/document-opened`, {
      query: { lang },
      body: {},
    }),

  heartbeat: (lessonId: string, body: HeartbeatRequest, lang: Lang) =>
    request<HeartbeatResponse>('POST', heartbeatPath(lessonId, lang), { body }),
  /**
   * A heartbeat sent while the page hides or unloads: navigator.sendBeacon outlives the page but cannot set
   * headers, so the body is text/plain JSON carrying the CSRF token. Falls back to a keepalive fetch.
   */
  heartbeatBeacon: (lessonId: string, body: HeartbeatRequest, lang: Lang): void => {
    const url = `/api${heartbeatPath(lessonId, lang)}`;
    if (csrfTokenValue && typeof navigator.sendBeacon === 'function') {
      const blob = new Blob([JSON.stringify({ ...body, _csrf: csrfTokenValue })], { type: 'text/plain' });
      if (navigator.sendBeacon(url, blob)) return;
    }
    request<HeartbeatResponse>('POST', heartbeatPath(lessonId, lang), { body, keepalive: true }).catch(
      () => undefined,
    );
  },

  /** Answers a question pinned in a video (the first answer stands; a replay returns it). */
  answerVideoQuestion: (
    lessonId: string,
    questionId: string,
    answer: VideoAnswerRequest['answer'],
    lang: Lang,
  ) =>
    request<VideoAnswerResponse>(
      'POST',
      `/lessons/${encodeURIComponent(lessonId)}/video-questions/${encodeURIComponent(questionId)}/answers`,
      { query: { lang }, body: { answer } },
    ),

  startQuizAttempt: (lessonId: string, lang: Lang) =>
    request<QuizAttemptResponse>('POST', `/lessons/${encodeURIComponent(lessonId)}/quiz-attempts`, {
      query: { lang },
      body: {},
    }),
  quizAttempt: (attemptId: string, lang: Lang, signal?: AbortSignal) =>
    request<QuizAttemptResponse>('GET', `/quiz-attempts/${encodeURIComponent(attemptId)}`, {
      query: { lang },
      signal,
    }),
  /** Submits once per `idempotencyKey`: a retry with the same key gets the same result. */
  submitQuizAttempt: (attemptId: string, body: SubmitAttemptRequest, idempotencyKey: string, lang: Lang) =>
    request<QuizAttemptResponse>('POST', `/quiz-attempts/${encodeURIComponent(attemptId)}/submit`, {
      query: { lang },
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),

  // ---------- the few account calls the shell makes on every page ----------

  /** The bell's count comes with the inbox (there is no count-only call yet). */
  notifications: (lang: Lang, signal?: AbortSignal) =>
    request<NotificationsResponse>('GET', '/me/notifications', { query: { lang }, signal }),
  /** Read once per account and device for its display preferences (large text, high contrast). */
  profile: (signal?: AbortSignal) => request<ProfileResponse>('GET', '/me/profile', { signal }),
  /** Whether to ask for the learner's target group and place (the prompt on My learning). */
  profilePrompt: (signal?: AbortSignal) => request<ProfilePrompt>('GET', '/me/profile-prompt', { signal }),
  /** "Not now": the prompt stays away for some days, on every device of the account. */
  dismissProfilePrompt: () => request<ProfilePrompt>('POST', '/me/profile-prompt/dismiss', { body: {} }),
  /** For the "Required – due …" badges on course cards. */
  myMandates: (lang: Lang, signal?: AbortSignal) =>
    request<MyMandatesResponse>('GET', '/me/mandates', { query: { lang }, signal }),
};

/** The language names the course in the enrolment summary a completing heartbeat answers with. */
function heartbeatPath(lessonId: string, lang: Lang): string {
  return `/lessons/${encodeURIComponent(lessonId)}/heartbeats?lang=${lang}`;
}
