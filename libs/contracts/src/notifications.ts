import { z } from 'zod';
import { languageSchema } from './common';

/** Query of GET /api/me/notifications: the language titles and bodies are given in. */
export const notificationsQuerySchema = z.strictObject({ lang: languageSchema.catch('vi').default('vi') });
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  /** What it is about, e.g. `inactive` (a course not touched for a week). */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path in the web app, e.g. `/courses/online-scams`. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

/** GET /api/me/notifications: the latest 50, newest first, and the number unread (the bell's badge). */
export const notificationsResponseSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int(),
});
export type NotificationsResponse = z.infer<typeof notificationsResponseSchema>;

/** POST /api/me/notifications/read: these ids, or every notification when `ids` is absent or empty. */
export const markNotificationsReadRequestSchema = z.strictObject({
  ids: z.array(z.uuid()).max(200).optional(),
});
export type MarkNotificationsReadRequest = z.infer<typeof markNotificationsReadRequestSchema>;

export const markNotificationsReadResponseSchema = z.object({
  marked: z.number().int(),
  unreadCount: z.number().int(),
});
export type MarkNotificationsReadResponse = z.infer<typeof markNotificationsReadResponseSchema>;

/** GET and PUT /api/me/notification-preferences. PUT sends all three switches. */
export const notificationPreferencesSchema = z.strictObject({
  emailEnabled: z.boolean(),
  inAppEnabled: z.boolean(),
  remindersEnabled: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** GET and POST /api/notifications/unsubscribe?token=… (the signed link in every reminder e-mail). */
export const unsubscribeQuerySchema = z.object({ token: z.string().min(1).max(512) });
export type UnsubscribeQuery = z.infer<typeof unsubscribeQuerySchema>;

export const mailOutboxItemSchema = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  transport: z.enum(['smtp', 'local']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
});
export type MailOutboxItem = z.infer<typeof mailOutboxItemSchema>;

/** GET /api/admin/mail-outbox (system administrators): the latest 100 e-mails, newest first. */
export const mailOutboxResponseSchema = z.object({ items: z.array(mailOutboxItemSchema) });
export type MailOutboxResponse = z.infer<typeof mailOutboxResponseSchema>;
/** POST /api/notifications/unsubscribe (RFC 8058 one-click). */
export const unsubscribedResponseSchema = z.object({ unsubscribed: z.literal(true) });
export type UnsubscribedResponse = z.infer<typeof unsubscribedResponseSchema>;
