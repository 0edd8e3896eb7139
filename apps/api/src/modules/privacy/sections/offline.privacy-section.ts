import { Injectable } from '@nestjs/common';
import { offlineDownloadsForExport, offlineEventsForExport, type Queryable } from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { PrivacySection } from '../privacy-section';

/**
 * Offline learning (docs/offline.md): the courses downloaded and every offline event synced, with its verdict.
 * De-identification keeps them, as it keeps lesson and video progress: ids, times and verdicts only.
 */
@Injectable()
export class OfflinePrivacySection implements PrivacySection {
  readonly name = 'offline';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<Pick<PersonalDataSections, 'offlineDownloads' | 'offlineEvents'>> {
    const [downloads, events] = await Promise.all([
      offlineDownloadsForExport(db, userId),
      offlineEventsForExport(db, userId),
    ]);
    return {
      offlineDownloads: downloads.map((d) => ({
        courseId: d.course_id,
        downloadedAt: isoTime(d.downloaded_at),
      })),
      offlineEvents: events.map((e) => ({
        id: e.event_id,
        kind: e.kind,
        courseId: e.course_id,
        lessonId: e.lesson_id,
        status: e.status,
        reason: e.reason,
        startedAt: isoTimeOrNull(e.started_at),
        endedAt: isoTimeOrNull(e.ended_at),
        seconds: e.seconds,
        passed: e.passed,
        receivedAt: isoTime(e.received_at),
      })),
    };
  }

  /** Kept: the rows identify nobody once the account is de-identified. */
  deidentify(): Promise<void> {
    return Promise.resolve();
  }
}
