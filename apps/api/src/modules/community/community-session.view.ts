import type { CommunitySession } from '@hocvuso/contracts';
import type { CommunitySessionRow } from '@hocvuso/db';

const localized = (t: Record<string, string> | null) =>
  t && typeof t.vi === 'string' ? { ...t, vi: t.vi } : null;

/** A session as the wire shows it (no host id: a session is a public event, its host is not named). */
export function sessionView(row: CommunitySessionRow): CommunitySession {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    topic: row.topic,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    courseId: row.course_id,
    courseTitle: localized(row.course_title),
    lessonId: row.lesson_id,
    lessonTitle: localized(row.lesson_title),
    cancelled: row.cancelled_at !== null,
    attendees: row.attendees,
  };
}
