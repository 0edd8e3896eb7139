/**
 * xAPI 1.0.3 statements for learning events. The actor is an `account` with the learner's pseudonym:
 * never an e-mail address or a phone number.
 */
export const XAPI_VERSION = '1.0.3';

export const XAPI_VERBS = {
  registered: { id: 'http://adlnet.gov/expapi/verbs/registered', vi: 'đã đăng ký', en: 'registered' },
  launched: { id: 'http://adlnet.gov/expapi/verbs/launched', vi: 'đã mở', en: 'launched' },
  initialized: { id: 'http://adlnet.gov/expapi/verbs/initialized', vi: 'đã bắt đầu', en: 'initialized' },
  progressed: { id: 'http://adlnet.gov/expapi/verbs/progressed', vi: 'đã tiến bộ', en: 'progressed' },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', vi: 'đã hoàn thành', en: 'completed' },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', vi: 'đã trả lời', en: 'answered' },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', vi: 'đã đạt', en: 'passed' },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', vi: 'chưa đạt', en: 'failed' },
} as const;
export type XapiVerb = keyof typeof XAPI_VERBS;

export const XAPI_ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  video: 'https://w3id.org/xapi/video/activity-type/video',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/**
 * The interaction definition of a question activity (xAPI 1.0.3 §2.4.4.1.1, cmi.interaction): its type, the
 * right response pattern(s) and, for a choice, every option with its localized description.
 */
export interface XapiInteraction {
  interactionType: 'choice' | 'true-false';
  /** e.g. `["b"]`, `["a[,]c"]` (choice, ids joined by `[,]`), `["true"]` (true-false). */
  correctResponsesPattern: string[];
  choices?: Array<{ id: string; description: { vi: string; en?: string } }>;
}

export interface XapiActivity {
  id: string;
  type: keyof typeof XAPI_ACTIVITY_TYPES;
  name: { vi: string; en?: string };
  /** Question activities: the interaction definition. */
  interaction?: XapiInteraction;
  /** A longer text, e.g. a question's prompt. */
  description?: { vi: string; en?: string };
}

/** The response of a choice interaction in xAPI's format: the chosen ids joined by `[,]`. */
export const xapiChoiceResponse = (ids: readonly string[]): string => ids.join('[,]');

export interface XapiResult {
  completion?: boolean;
  success?: boolean;
  /** 0..1 */
  scaled?: number;
  /** 0..1 for progress */
  progress?: number;
  response?: string;
  durationSeconds?: number;
}

export interface StatementInput {
  id: string;
  homePage: string;
  actorPseudonym: string;
  verb: XapiVerb;
  activity: XapiActivity;
  parent?: XapiActivity;
  registration?: string;
  result?: XapiResult;
  timestamp: Date;
  language?: string;
}

/** ISO 8601 duration in whole seconds, e.g. PT12M30S. */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${r || (!h && !m) ? `${r}S` : ''}`;
}

const langMap = (t: { vi: string; en?: string }) => ({ 'vi-VN': t.vi, ...(t.en ? { 'en-US': t.en } : {}) });

const activity = (a: XapiActivity) => ({
  objectType: 'Activity',
  id: a.id,
  definition: {
    type: XAPI_ACTIVITY_TYPES[a.type],
    name: langMap(a.name),
    ...(a.description ? { description: langMap(a.description) } : {}),
    ...(a.interaction
      ? {
          interactionType: a.interaction.interactionType,
          correctResponsesPattern: [...a.interaction.correctResponsesPattern],
          ...(a.interaction.choices
            ? {
                choices: a.interaction.choices.map((c) => ({
                  id: c.id,
                  description: langMap(c.description),
                })),
              }
            : {}),
        }
      : {}),
  },
});

export function buildStatement(input: StatementInput): Record<string, unknown> {
  const verb = XAPI_VERBS[input.verb];
  const r = input.result;
  const result =
    r &&
    Object.fromEntries(
      Object.entries({
        completion: r.completion,
        success: r.success,
        score: r.scaled === undefined ? undefined : { scaled: Math.round(r.scaled * 10_000) / 10_000 },
        response: r.response,
        duration: r.durationSeconds === undefined ? undefined : isoDuration(r.durationSeconds),
        extensions:
          r.progress === undefined
            ? undefined
            : { 'https://w3id.org/xapi/cmi5/result/extensions/progress': Math.round(r.progress * 100) },
      }).filter(([, v]) => v !== undefined),
    );
  return {
    id: input.id,
    actor: { objectType: 'Agent', account: { homePage: input.homePage, name: input.actorPseudonym } },
    verb: { id: verb.id, display: { 'vi-VN': verb.vi, 'en-US': verb.en } },
    object: activity(input.activity),
    ...(result && Object.keys(result).length > 0 ? { result } : {}),
    context: {
      ...(input.registration ? { registration: input.registration } : {}),
      platform: 'Học vụ số',
      language: input.language === 'en' ? 'en-US' : 'vi-VN',
      ...(input.parent ? { contextActivities: { parent: [activity(input.parent)] } } : {}),
    },
    timestamp: input.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
}
