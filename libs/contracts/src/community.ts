// Community models: weekly community sessions and their check-in, and public-service help logs
// (context: community; docs/community-sessions.md, docs/help-officers.md).
import { HELP_OUTCOMES, PUBLIC_SERVICE_IDS } from '@hocvuso/domain';
import { z } from 'zod';
import { clampedLimit, isoDateTimeString, localizedTextSchema, safeText } from './common';

const uuid = z.uuid({ error: 'expected an id (uuid)' });
const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const courseId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a course id')
  .max(80);

// ---- sessions --------------------------------------------------------------------------------------------

/** POST /api/community-sessions: a host schedules a session of a commune of their area. */
export const communitySessionInputSchema = z
  .strictObject({
    unitId: uuid,
    topic: safeText({ min: 1, max: 200 }),
    place: safeText({ min: 1, max: 200 }),
    /** The place's coordinates, when known: QR check-ins must then come from nearby (the "far away" rule). */
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    startsAt: isoDateTimeString(),
    endsAt: isoDateTimeString(),
    courseId,
    lessonId: uuid.nullable().default(null),
  })
  .refine((s) => (s.latitude === null) === (s.longitude === null), {
    message: 'expected both latitude and longitude, or neither',
    path: ['longitude'],
  })
  .refine((s) => new Date(s.endsAt).getTime() > new Date(s.startsAt).getTime(), {
    message: 'expected the end after the start',
    path: ['endsAt'],
  })
  .refine((s) => new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() <= 12 * 3_600_000, {
    message: 'a session lasts at most 12 hours',
    path: ['endsAt'],
  });
export type CommunitySessionInput = z.infer<typeof communitySessionInputSchema>;

export const communitySessionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  topic: z.string(),
  place: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  courseId: z.string(),
  courseTitle: localizedTextSchema.nullable(),
  lessonId: z.string().nullable(),
  lessonTitle: localizedTextSchema.nullable(),
  cancelled: z.boolean(),
  attendees: z.number(),
});
export type CommunitySession = z.infer<typeof communitySessionSchema>;

export const communitySessionListSchema = z.object({ items: z.array(communitySessionSchema) });
export type CommunitySessionList = z.infer<typeof communitySessionListSchema>;

/** GET lists: sessions ending after `from` and starting before `to` (defaults: the last 7 days to 60 days ahead). */
export const communitySessionListQuerySchema = z.strictObject({
  from: isoDateTimeString().optional(),
  to: isoDateTimeString().optional(),
  limit: clampedLimit(50, 200),
});
export type CommunitySessionListQuery = z.infer<typeof communitySessionListQuerySchema>;

/** GET /api/community-sessions/:id/check-in-code: the host's rotating code and the URL its QR encodes. */
export const checkInCodeSchema = z.object({
  /** The code as typed by hand (8 letters and digits, shown as two groups of four). */
  code: z.string(),
  /** The path (on the web app's origin) the QR encodes: the check-in page with the session and code. */
  path: z.string(),
  /** When this code is replaced (ISO, server clock); the page fetches the next one then. */
  rotatesAt: z.string(),
  /** 'open' while attendees may check in; otherwise the code is empty and the page says why. */
  phase: z.enum(['too-early', 'open', 'closed', 'cancelled']),
});
export type CheckInCode = z.infer<typeof checkInCodeSchema>;

/** POST /api/community-sessions/check-in: an attendee scanned the QR (session and code) or typed the code. */
export const checkInInputSchema = z.strictObject({
  sessionId: uuid.optional(),
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{8}$/, 'expected the 8-character code')),
  position: z
    .strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      accuracy: z.number().min(0).max(100_000),
    })
    .nullable()
    .default(null),
});
export type CheckInInput = z.input<typeof checkInInputSchema>;

export const attendanceSchema = z.object({
  sessionId: z.string(),
  userId: z.string(),
  method: z.enum(['qr', 'host']),
  at: z.string(),
  /** false when this person was already checked in: a second scan changes nothing. */
  created: z.boolean(),
  session: communitySessionSchema,
});
export type Attendance = z.infer<typeof attendanceSchema>;

/** POST /api/community-sessions/:id/attendance: a host checks in a person of the commune (live or synced later). */
export const hostCheckInInputSchema = z.strictObject({
  userId: uuid,
  /** Made by the host's phone when the check-in is made; replays (offline sync) with it change nothing. */
  idempotencyKey: uuid,
});
export type HostCheckInInput = z.infer<typeof hostCheckInInputSchema>;

export const attendeeSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  method: z.enum(['qr', 'host']),
  at: z.string(),
});
export const attendeeListSchema = z.object({ items: z.array(attendeeSchema) });
export type Attendee = z.infer<typeof attendeeSchema>;

/** GET /api/community-sessions/:id/people?q=: people of the session's commune a host may check in. */
export const sessionPeopleQuerySchema = z.strictObject({ q: safeText({ min: 2, max: 100 }) });
export const sessionPersonSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  /** The last three digits of the phone (to tell namesakes apart), or null. */
  phoneEnd: z.string().nullable(),
});
export const sessionPeopleSchema = z.object({ items: z.array(sessionPersonSchema) });
export type SessionPerson = z.infer<typeof sessionPersonSchema>;

/** GET /api/units/:id/community-sessions/held: the "sessions held" count of a unit (countSessionsHeld). */
export const sessionsHeldQuerySchema = z
  .strictObject({ from: date, to: date })
  .refine((q) => q.from <= q.to, { message: 'expected from on or before to', path: ['to'] });
export const sessionsHeldSchema = z.object({
  held: z.number(),
  minAttendees: z.number(),
  notHeld: z.array(
    z.object({
      id: z.string(),
      reason: z.enum(['cancelled', 'not-ended', 'scheduled-after-start', 'too-few-attendees']),
    }),
  ),
});
export type SessionsHeld = z.infer<typeof sessionsHeldSchema>;

// ---- help logs -------------------------------------------------------------------------------------------

export const publicServiceSchema = z.object({ id: z.string(), name: localizedTextSchema });
export const publicServiceListSchema = z.object({ items: z.array(publicServiceSchema) });

/** POST /api/help-logs: help an officer gave, from a phone. */
export const helpLogInputSchema = z
  .strictObject({
    unitId: uuid,
    /** The person helped (an account in the officer's area), or null with `people` for an anonymous count. */
    personId: uuid.nullable().default(null),
    people: z.number().int().min(1).max(500).default(1),
    service: z.enum(PUBLIC_SERVICE_IDS),
    outcome: z.enum(HELP_OUTCOMES),
    on: date,
    idempotencyKey: uuid,
  })
  .refine((h) => h.personId === null || h.people === 1, {
    message: 'a named person counts as one',
    path: ['people'],
  });
export type HelpLogInput = z.input<typeof helpLogInputSchema>;

export const helpLogSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  personId: z.string().nullable(),
  people: z.number(),
  service: z.string(),
  outcome: z.enum(HELP_OUTCOMES),
  on: z.string(),
  recordedAt: z.string(),
  created: z.boolean(),
});
export type HelpLog = z.infer<typeof helpLogSchema>;
export const helpLogListSchema = z.object({ items: z.array(helpLogSchema.omit({ created: true })) });

/** GET /api/help-logs/rollup: counts below a unit (default: the reader's own), per child unit. */
export const helpRollupQuerySchema = z
  .strictObject({ unitId: uuid.optional(), from: date, to: date })
  .refine((q) => q.from <= q.to, { message: 'expected from on or before to', path: ['to'] });
export type HelpRollupQuery = z.infer<typeof helpRollupQuerySchema>;

const helpCountsSchema = z.object({
  people: z.number(),
  logs: z.number(),
  byOutcome: z.object({ done: z.number(), guided: z.number(), referred: z.number() }),
  byService: z.array(z.object({ service: z.string(), people: z.number() })),
});
export const helpRollupSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  from: z.string(),
  to: z.string(),
  total: helpCountsSchema,
  children: z.array(
    helpCountsSchema.extend({ unitId: z.string(), unitName: z.string(), unitLevel: z.string() }),
  ),
});
export type HelpRollup = z.infer<typeof helpRollupSchema>;
