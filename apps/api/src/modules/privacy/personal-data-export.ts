// The personal data export document (`GET /api/me/data-export`), format `hocvuso-personal-data/1`. Each
// privacy section contributes some of its keys; `assemblePersonalDataExport` puts them in the order this
// format pins (PERSONAL_DATA_KEYS), so adding a section never reorders a downloaded file.

export const PERSONAL_DATA_FORMAT = 'hocvuso-personal-data/1';

type Localized = { vi: string; en?: string };

export interface ExportedAccount {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  language: string;
  /** The pseudonymous id under which learning records (xAPI) are kept. */
  pseudonym: string;
  identityVerified: boolean;
  identityAssurance: string | null;
  hasPassword: boolean;
  createdAt: string;
}

export interface ExportedProfile {
  targetGroups: string[];
  subGroups: string[];
  accessibility: Record<string, boolean>;
  unit: { id: string; name: string | null; path: string | null } | null;
  organisation: { id: string; name: string | null } | null;
  householdCode: string | null;
  updatedAt: string;
}

/** Everything the export holds besides its format and time, one key per kind of record. */
export interface PersonalDataSections extends CoveragePersonalData {
  account: ExportedAccount;
  profile: ExportedProfile | null;
  roles: Array<{ role: string; unit: string | null; organisation: string | null; grantedAt: string }>;
  consents: Array<{
    purpose: string;
    textVersion: string;
    channel: string;
    granted: boolean;
    recordedByHelper: boolean;
    at: string;
  }>;
  linkedProviders: Array<{
    provider: string;
    subject: string;
    acr: string | null;
    amr: string[] | null;
    authTime: string | null;
    linkedAt: string;
    lastLoginAt: string;
  }>;
  enrolments: Array<{
    id: string;
    courseId: string;
    courseTitle: Localized | null;
    status: string;
    enrolledAt: string;
    lastActivityAt: string;
    completedAt: string | null;
  }>;
  lessonProgress: Array<{
    lessonRevisionId: string;
    courseId: string | null;
    lessonKey: string | null;
    status: string;
    passed: boolean;
    state: Record<string, unknown>;
    startedAt: string;
    completedAt: string | null;
  }>;
  videoProgress: Array<{
    lessonRevisionId: string;
    /** The watched intervals (seconds), as a multirange. */
    watchedIntervals: string;
    position: number;
    heartbeats: number;
    lastHeartbeatAt: string;
    completedAt: string | null;
  }>;
  /** First answers to questions pinned in videos, in the lesson's option ids. */
  videoQuestionAnswers: Array<{
    lessonRevisionId: string;
    questionId: string;
    response: string[];
    correct: boolean;
    answeredAt: string;
  }>;
  quizAttempts: Array<{
    id: string;
    lessonRevisionId: string;
    attemptNo: number;
    startedAt: string;
    deadlineAt: string | null;
    submittedAt: string | null;
    /** The learner's own answers, by question id. */
    answers: Record<string, unknown> | null;
    scorePercent: number | null;
    passed: boolean | null;
  }>;
  /** Placement tests taken: the learner's own answers (bank ids) and the competencies found mastered. */
  placementAttempts: Array<{
    id: string;
    targetGroup: string;
    framework: string;
    startedAt: string;
    submittedAt: string | null;
    answers: Record<string, unknown> | null;
    mastered: string[] | null;
  }>;
  /** Courses downloaded for offline use (docs/offline.md), and when first. */
  offlineDownloads: Array<{ courseId: string; downloadedAt: string }>;
  /** Progress the learner's devices queued offline and synced, with the server's verdict on each event. */
  offlineEvents: Array<{
    id: string;
    kind: 'read' | 'complete' | 'quiz' | 'watch' | 'video-answer';
    courseId: string;
    lessonId: string;
    status: 'credited' | 'completed' | 'graded' | 'refused';
    reason: string | null;
    startedAt: string | null;
    endedAt: string | null;
    seconds: number | null;
    passed: boolean | null;
    receivedAt: string;
  }>;
  certificates: Array<{
    id: string;
    serial: string;
    courseId: string;
    status: 'revoked' | 'suspended' | 'valid' | 'issuing';
    issuedAt: string | null;
    verifyUrl: string;
  }>;
  notifications: Array<{
    kind: string;
    title: Localized;
    body: Localized;
    link: string | null;
    createdAt: string;
    readAt: string | null;
  }>;
  notificationPreferences: { emailEnabled: boolean; inAppEnabled: boolean; remindersEnabled: boolean } | null;
  /** Signed-in browsers (token hashes are never exported). */
  sessions: Array<{
    id: string;
    createdAt: string;
    signedInAt: string;
    lastSeenAt: string;
    expiresAt: string;
    revokedAt: string | null;
    replacedAt: string | null;
    userAgent: string | null;
    authMethod: string;
  }>;
}

/** Who confirmed something face to face: their name only while the privacy rule allows (confirmerShownToPerson). */
export interface ExportedConfirmer {
  role: string | null;
  name: string | null;
}

/** Where the person was counted when a record was made (names of the unit and organisation then). */
export interface ExportedPlace {
  unit: string | null;
  organisation: string | null;
}

/** Coverage (docs/coverage.md): what the plan counts about the person, and the records behind it. */
export interface CoveragePersonalData {
  /** Each fact counted once per measure and target group (`*`: all groups), with the place it is counted in. */
  coverageFacts: Array<{
    measure: string;
    targetGroup: string;
    subGroups: string[];
    placeAtTheTime: ExportedPlace;
    achievedAt: string;
    source: string;
    confirmedBy: ExportedConfirmer | null;
    evidence: Record<string, unknown>;
  }>;
  /** VNeID level 2 and bank account: every declaration, self-declared or confirmed by a helper. */
  digitalIdentityDeclarations: Array<{
    kind: string;
    value: boolean;
    source: string;
    at: string;
    confirmedBy: ExportedConfirmer | null;
  }>;
  /** Universalisation confirmations with the evidence of each requirement. */
  universalisationConfirmations: Array<{
    id: string;
    targetGroup: string;
    ruleVersion: string;
    confirmedAt: string;
    confirmedOn: string;
    placeAtTheTime: ExportedPlace;
    evidence: Record<string, unknown>;
  }>;
  /** In-person learning a helper recorded. */
  inPersonLearning: Array<{
    id: string;
    courseId: string;
    courseTitle: Localized | null;
    lessonId: string | null;
    learnedOn: string;
    note: string;
    recordedAt: string;
    confirmedBy: ExportedConfirmer | null;
  }>;
}

export type PersonalDataKey = keyof PersonalDataSections;

/** The keys of the document in the order the format pins (after `format` and `generatedAt`). */
export const PERSONAL_DATA_KEYS = [
  'account',
  'profile',
  'roles',
  'consents',
  'linkedProviders',
  'enrolments',
  'lessonProgress',
  'videoProgress',
  'videoQuestionAnswers',
  'quizAttempts',
  'placementAttempts',
  'offlineDownloads',
  'offlineEvents',
  'certificates',
  'notifications',
  'notificationPreferences',
  'sessions',
  'coverageFacts',
  'digitalIdentityDeclarations',
  'universalisationConfirmations',
  'inPersonLearning',
] as const satisfies readonly PersonalDataKey[];

// Every key of PersonalDataSections is listed above (a compile error names the missing one otherwise).
type Unlisted = Exclude<PersonalDataKey, (typeof PERSONAL_DATA_KEYS)[number]>;
const everyKeyListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyKeyListed;

export type PersonalDataExport = {
  format: typeof PERSONAL_DATA_FORMAT;
  generatedAt: string;
} & PersonalDataSections;

/**
 * The export document from the sections' parts: `format`, `generatedAt`, then every key in the order of
 * PERSONAL_DATA_KEYS. Throws when a key is missing or two sections give the same key (a wiring mistake).
 */
export function assemblePersonalDataExport(
  generatedAt: Date,
  parts: ReadonlyArray<Partial<PersonalDataSections>>,
): PersonalDataExport {
  const given = new Map<string, unknown>();
  for (const part of parts)
    for (const [key, value] of Object.entries(part)) {
      if (given.has(key)) throw new Error(`Two privacy sections export "${key}".`);
      given.set(key, value);
    }
  const document: Record<string, unknown> = {
    format: PERSONAL_DATA_FORMAT,
    generatedAt: generatedAt.toISOString(),
  };
  for (const key of PERSONAL_DATA_KEYS) {
    if (!given.has(key)) throw new Error(`No privacy section exports "${key}".`);
    document[key] = given.get(key);
    given.delete(key);
  }
  const unknown = [...given.keys()];
  if (unknown.length > 0) throw new Error(`Privacy sections export unknown keys: ${unknown.join(', ')}.`);
  return document as unknown as PersonalDataExport;
}

/** A timestamp of the document (ISO 8601, UTC). */
export const isoTime = (d: Date): string => new Date(d).toISOString();
/** A timestamp that may be absent. */
export const isoTimeOrNull = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
