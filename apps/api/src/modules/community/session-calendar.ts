import type { CommunitySession } from '@hocvuso/contracts';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';

/**
 * The iCalendar feed (RFC 5545) of a commune's sessions: one VEVENT per session, its UID stable across fetches
 * (so a calendar app updates it instead of adding a copy), times in UTC, cancelled sessions kept with
 * STATUS:CANCELLED so subscribers see the change.
 */
export function sessionCalendar(
  unit: { id: string; name: string },
  sessions: readonly CommunitySession[],
  links: { host: string; sessionUrl: (id: string) => string },
): string {
  const cal = new ICalCalendar({
    name: `Sinh hoạt cộng đồng — ${unit.name}`,
    prodId: { company: 'Học vụ số', product: 'community-sessions', language: 'VI' },
    ttl: 3600,
  });
  for (const s of sessions) {
    const course = s.lessonTitle?.vi ?? s.courseTitle?.vi;
    cal.createEvent({
      id: `${s.id}@${links.host}`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: s.topic,
      description: course ? `Bài học: ${course}` : undefined,
      location: s.place,
      url: links.sessionUrl(s.id),
      status: s.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
