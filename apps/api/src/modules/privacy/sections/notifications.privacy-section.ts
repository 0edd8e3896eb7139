import { Injectable } from '@nestjs/common';
import {
  eraseNotifications,
  eraseOutboxMailTo,
  eraseOutboxSmsOf,
  notificationsForExport,
  type Queryable,
  silenceNotificationChannels,
  storedNotificationPreferences,
} from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/**
 * Notifications: the inbox and the switches are exported; de-identification empties the inbox, turns every
 * channel off (nothing is sent to the account any more), drops the e-mail addressed to the former address and
 * the SMS to the person (sms_outbox, sent or waiting).
 */
@Injectable()
export class NotificationsPrivacySection implements PrivacySection {
  readonly name = 'notifications';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<Pick<PersonalDataSections, 'notifications' | 'notificationPreferences'>> {
    const [notifications, preferences] = await Promise.all([
      notificationsForExport(db, userId),
      storedNotificationPreferences(db, userId),
    ]);
    return {
      notifications: notifications.map((n) => ({
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: isoTime(n.created_at),
        readAt: isoTimeOrNull(n.read_at),
      })),
      notificationPreferences: preferences
        ? {
            emailEnabled: preferences.email_enabled,
            inAppEnabled: preferences.in_app_enabled,
            remindersEnabled: preferences.reminders_enabled,
          }
        : null,
    };
  }

  async deidentify(tx: Queryable, { userId, formerEmail }: DeidentificationSubject): Promise<void> {
    await eraseNotifications(tx, userId);
    await silenceNotificationChannels(tx, userId);
    if (formerEmail) await eraseOutboxMailTo(tx, formerEmail);
    await eraseOutboxSmsOf(tx, userId);
  }
}
