import {
  delayUntilQuietHoursEnd,
  isReminderKind,
  messageLanguage,
  reminderChannels,
  reminderEmail,
  reminderNotification,
  reminderSms,
  smsCapScopes,
  type SmsCaps,
} from '@hocvuso/domain';
import {
  insertNotification,
  insertOutboxMail,
  insertOutboxSms,
  type Queryable,
  recordReminderDelivery,
  reminderDelivered,
  reminderRecipient,
  takeSmsBudget,
} from '@hocvuso/db';
import { type JobOutcome, type JobPayloads, type JobQueue, reminderJobId } from '@hocvuso/jobs';
import type { Mailer } from '../mail/mailer';
import { deliverOutboxMail } from '../mail/outbox';
import { unsubscribeHeaders, unsubscribeUrl } from '../mail/unsubscribe-link';
import { REMINDER_KIND_HANDLERS } from './reminder-kinds';

export interface ReminderSettings {
  /** The public address of the platform, without a trailing slash. */
  publicUrl: string;
  unsubscribeSecret: string;
  /** Off: sweeps and sends do nothing (a staging copy of production data must not e-mail real learners). */
  enabled: boolean;
  /** The daily SMS caps; a reminder over one goes without its SMS (in-app only). Absent: no SMS reminders. */
  smsCaps?: SmsCaps;
}

export interface ReminderDeps {
  db: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };
  /** Where sweeps fan out and quiet-hours deferrals go. */
  queue: Pick<JobQueue, 'enqueue'>;
  mailer: Mailer;
  /** The wall clock for quiet hours and reminder periods (injectable for tests); time spans use the database clock. */
  clock: () => Date;
  settings: ReminderSettings;
}

/**
 * Delivers one reminder exactly once. It re-checks everything at send time (quiet hours? already delivered?
 * preferences? still due?), then in one transaction records the delivery under its dedupe key (ON CONFLICT DO
 * NOTHING: a second run stops here), writes the in-app notification and the outbox e-mail; after commit the
 * e-mail goes out over SMTP. A failed send throws so the job retries; the retry finds the delivery recorded
 * and only sends the e-mail still waiting.
 */
export async function sendReminder(
  deps: ReminderDeps,
  payload: JobPayloads['send-reminder'],
): Promise<JobOutcome> {
  const { db, mailer, settings } = deps;
  if (!settings.enabled || !isReminderKind(payload.kind)) return 'skipped';
  const now = deps.clock();
  const wait = delayUntilQuietHoursEnd(now);
  if (wait > 0) {
    const morning = new Date(now.getTime() + wait);
    await deps.queue.enqueue('send-reminder', payload, {
      jobId: `${reminderJobId(payload.dedupeKey)}.after-quiet-hours.${morning.toISOString().slice(0, 10)}`,
      delayMs: wait,
    });
    return 'skipped';
  }
  if (await reminderDelivered(db, payload.dedupeKey)) {
    const { sent } = await deliverOutboxMail(db, mailer, { dedupeKey: payload.dedupeKey });
    return sent > 0 ? 'done' : 'skipped';
  }
  const recipient = await reminderRecipient(db, payload.userId);
  if (!recipient) return 'skipped';
  const channels = reminderChannels(
    {
      remindersEnabled: recipient.reminders_enabled,
      inAppEnabled: recipient.in_app_enabled,
      emailEnabled: recipient.email_enabled,
    },
    Boolean(recipient.email),
    Boolean(recipient.verified_phone) && settings.smsCaps !== undefined,
  );
  if (channels.length === 0) return 'skipped';
  const due = await REMINDER_KIND_HANDLERS[payload.kind].recheck(db, payload, now);
  if (!due) return 'skipped';

  const vars = { displayName: recipient.display_name, courseTitle: due.courseTitle, days: due.days };
  const language = messageLanguage(recipient.language);
  const unsubscribe = unsubscribeUrl(settings.publicUrl, settings.unsubscribeSecret, recipient.id);
  const delivered = await db.transaction(async (tx) => {
    const recorded = await recordReminderDelivery(tx, {
      dedupeKey: payload.dedupeKey,
      userId: recipient.id,
      kind: payload.kind,
      subjectId: due.subjectId,
      period: due.period,
      channels,
    });
    if (!recorded) return false;
    if (channels.includes('in_app')) {
      const n = reminderNotification(payload.kind, vars);
      await insertNotification(tx, {
        userId: recipient.id,
        kind: payload.kind,
        title: n.title,
        body: n.body,
        link: due.path,
      });
    }
    if (channels.includes('email') && recipient.email) {
      const mail = reminderEmail(payload.kind, language, vars, {
        continueUrl: `${settings.publicUrl}${due.path}`,
        unsubscribeUrl: unsubscribe,
      });
      await insertOutboxMail(tx, {
        toAddress: recipient.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { ...unsubscribeHeaders(unsubscribe), 'Content-Language': language },
        dedupeKey: payload.dedupeKey,
        transport: mailer.transport,
      });
    }
    if (channels.includes('sms') && recipient.verified_phone && settings.smsCaps) {
      // Within the person's, the number's and the platform's daily caps, or not at all (the in-app notice
      // stays); a cap never delays the reminder into another day's budget.
      const phone = recipient.verified_phone;
      const full = await takeSmsBudget(tx, smsCapScopes({ userId: recipient.id, phone }, settings.smsCaps));
      if (!full)
        await insertOutboxSms(tx, {
          toNumber: phone,
          text: reminderSms(payload.kind, language, vars, `${settings.publicUrl}${due.path}`),
          dedupeKey: payload.dedupeKey,
          userId: recipient.id,
        });
    }
    return true;
  });
  if (!delivered) return 'skipped';
  if (channels.includes('email')) await deliverOutboxMail(db, mailer, { dedupeKey: payload.dedupeKey });
  if (channels.includes('sms')) await deps.queue.enqueue('send-pending-sms', {}).catch(() => undefined); // the one-minute sweep sends it otherwise
  return 'done';
}
