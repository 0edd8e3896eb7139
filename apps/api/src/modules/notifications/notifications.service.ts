import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { localize, redactLinkTokens, ValidationError, verifyUnsubscribeToken } from '@hocvuso/domain';
import type {
  MailOutboxItem,
  MarkNotificationsReadResponse,
  NotificationPreferences,
  NotificationsResponse,
} from '@hocvuso/contracts';
import {
  disableReminders,
  latestNotifications,
  latestOutboxMail,
  markNotificationsRead,
  notificationPreferences,
  type NotificationPreferencesRow,
  saveNotificationPreferences,
  unreadNotificationCount,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { requireCapability } from '../../common/guards/require-capability';

const INBOX_SIZE = 50;
const OUTBOX_SIZE = 100;

const toPreferences = (row: NotificationPreferencesRow): NotificationPreferences => ({
  emailEnabled: row.email_enabled,
  inAppEnabled: row.in_app_enabled,
  remindersEnabled: row.reminders_enabled,
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The bell: the latest notifications in the reader's language and how many are unread. */
  async inbox(userId: string, lang: string): Promise<NotificationsResponse> {
    const [rows, unreadCount] = await Promise.all([
      latestNotifications(this.db, userId, INBOX_SIZE),
      unreadNotificationCount(this.db, userId),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: localize(r.title, lang),
        body: localize(r.body, lang),
        link: r.link,
        createdAt: iso(r.created_at)!,
        readAt: iso(r.read_at),
      })),
      unreadCount,
    };
  }

  /** Marks the given notifications (only the caller's own) or all of them read. */
  async markRead(userId: string, ids: string[] | undefined): Promise<MarkNotificationsReadResponse> {
    const marked = await markNotificationsRead(this.db, userId, ids && ids.length > 0 ? ids : null);
    return { marked, unreadCount: await unreadNotificationCount(this.db, userId) };
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    return toPreferences(await notificationPreferences(this.db, userId));
  }

  async savePreferences(userId: string, prefs: NotificationPreferences): Promise<NotificationPreferences> {
    return toPreferences(await saveNotificationPreferences(this.db, userId, prefs));
  }

  /** The signed link of a reminder e-mail: turns reminders off for its user. Idempotent. */
  async unsubscribe(token: string | undefined): Promise<void> {
    const payload = verifyUnsubscribeToken(token ?? '', (data) =>
      createHmac('sha256', this.config.unsubscribeSecret).update(data).digest('base64url'),
    );
    if (!payload) throw new ValidationError('INVALID_TOKEN', 'This unsubscribe link is not valid.');
    // A user deleted since the e-mail was sent gets nothing anyway: answer as if it worked.
    await disableReminders(this.db, payload.userId);
  }

  /**
   * The local outbox (tier 0 without SMTP) and the record of sent e-mail: system administrators only. Links
   * are shown with their tokens redacted: a reset, invitation or unsubscribe link works only for its recipient.
   */
  async mailOutbox(user: AuthUser): Promise<MailOutboxItem[]> {
    requireCapability(user, 'outbox.read', 'Only system administrators may read the mail outbox.');
    const rows = await latestOutboxMail(this.db, OUTBOX_SIZE);
    return rows.map((r) => ({
      id: r.id,
      toAddress: r.to_address,
      subject: r.subject,
      text: redactLinkTokens(r.text),
      html: redactLinkTokens(r.html),
      headers: Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k, redactLinkTokens(String(v))]),
      ),
      transport: r.transport === 'smtp' ? 'smtp' : 'local',
      createdAt: iso(r.created_at)!,
      sentAt: iso(r.sent_at),
      attempts: r.attempts,
      error: r.error,
    }));
  }
}
