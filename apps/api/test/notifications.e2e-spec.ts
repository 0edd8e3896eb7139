import { createHmac, randomBytes } from 'node:crypto';
import { signUnsubscribeToken } from '@hocvuso/domain';
import { insertNotification, insertOutboxMail } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const tokenFor = (userId: string, secret = process.env.UNSUBSCRIBE_SECRET!) =>
  signUnsubscribeToken(userId, (data) => createHmac('sha256', secret).update(data).digest('base64url'));

describe('notifications: inbox, preferences, unsubscribe link, mail outbox', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  /** A notification as the worker writes it, `minutesAgo` old. */
  async function notify(userId: string, n: number, minutesAgo: number): Promise<string> {
    const id = await insertNotification(db, {
      userId,
      kind: 'inactive',
      title: { vi: `Tiếp tục học “Bài ${n}”`, en: `Continue “Lesson ${n}”` },
      body: { vi: `Nội dung ${n}`, en: `Body ${n}` },
      link: '/courses/online-scams',
    });
    await db.query(`UPDATE notifications SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [
      id,
      minutesAgo,
    ]);
    return id;
  }

  describe('the inbox (bell)', () => {
    it('lists the latest notifications newest first, in the asked language, with the unread count', async () => {
      const l = await signedUpLearner(t.http, 'Nguyễn Thị Hương');
      const other = await signedUpLearner(t.http);
      await notify(l.id, 1, 30);
      await notify(l.id, 2, 20);
      await notify(l.id, 3, 10);
      await notify(other.id, 9, 5);
      const vi = await l.agent.get('/api/me/notifications').expect(200);
      expect(vi.body.unreadCount).toBe(3);
      expect(vi.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Tiếp tục học “Bài 3”',
        'Tiếp tục học “Bài 2”',
        'Tiếp tục học “Bài 1”',
      ]);
      expect(vi.body.items[0]).toEqual({
        id: expect.any(String),
        kind: 'inactive',
        title: 'Tiếp tục học “Bài 3”',
        body: 'Nội dung 3',
        link: '/courses/online-scams',
        createdAt: expect.any(String),
        readAt: null,
      });
      const en = await l.agent.get('/api/me/notifications?lang=en').expect(200);
      expect(en.body.items[0].title).toBe('Continue “Lesson 3”');
      const empty = await (await signedUpLearner(t.http)).agent.get('/api/me/notifications').expect(200);
      expect(empty.body).toEqual({ items: [], unreadCount: 0 });
    });

    it('keeps at most the latest 50', async () => {
      const l = await signedUpLearner(t.http);
      for (let i = 0; i < 55; i++) await notify(l.id, i, 100 - i);
      const res = await l.agent.get('/api/me/notifications').expect(200);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.unreadCount).toBe(55);
      expect(res.body.items[0].body).toBe('Nội dung 54');
    });

    it('marks chosen notifications read, never someone else’s, then all of them', async () => {
      const l = await signedUpLearner(t.http);
      const other = await signedUpLearner(t.http);
      const a = await notify(l.id, 1, 3);
      await notify(l.id, 2, 2);
      await notify(l.id, 3, 1);
      const theirs = await notify(other.id, 4, 1);
      const one = await l
        .post('/api/me/notifications/read')
        .send({ ids: [a] })
        .expect(200);
      expect(one.body).toEqual({ marked: 1, unreadCount: 2 });
      const list = await l.agent.get('/api/me/notifications').expect(200);
      expect(list.body.items.find((i: { id: string }) => i.id === a).readAt).toEqual(expect.any(String));
      // Someone else's id is simply not the caller's: nothing changes for either.
      expect(
        (
          await l
            .post('/api/me/notifications/read')
            .send({ ids: [theirs] })
            .expect(200)
        ).body,
      ).toEqual({ marked: 0, unreadCount: 2 });
      expect((await other.agent.get('/api/me/notifications').expect(200)).body.unreadCount).toBe(1);
      // No ids (or an empty list): all of them.
      expect((await l.post('/api/me/notifications/read').send({}).expect(200)).body).toEqual({
        marked: 2,
        unreadCount: 0,
      });
      expect((await l.post('/api/me/notifications/read').send({ ids: [] }).expect(200)).body).toEqual({
        marked: 0,
        unreadCount: 0,
      });
    });

    it('refuses malformed ids and unknown fields', async () => {
      const l = await signedUpLearner(t.http);
      const bad = await l
        .post('/api/me/notifications/read')
        .send({ ids: ['not-a-uuid'] })
        .expect(400);
      expectErrorShape(bad.body, 400, 'VALIDATION_FAILED');
      expect(bad.body.details[0].path).toBe('ids.0');
      expectErrorShape(
        (await l.post('/api/me/notifications/read').send({ all: true }).expect(400)).body,
        400,
        'VALIDATION_FAILED',
      );
      expectErrorShape(
        (await l.post('/api/me/notifications/read').send({ ids: 'x' }).expect(400)).body,
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('preferences', () => {
    it('starts with everything on, and saves all three switches', async () => {
      const l = await signedUpLearner(t.http);
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body).toEqual({
        emailEnabled: true,
        inAppEnabled: true,
        remindersEnabled: true,
      });
      const saved = await l.agent
        .put('/api/me/notification-preferences')
        .set('x-csrf-token', l.csrf)
        .send({ emailEnabled: false, inAppEnabled: true, remindersEnabled: true })
        .expect(200);
      expect(saved.body).toEqual({ emailEnabled: false, inAppEnabled: true, remindersEnabled: true });
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body).toEqual({
        emailEnabled: false,
        inAppEnabled: true,
        remindersEnabled: true,
      });
      await l.agent
        .put('/api/me/notification-preferences')
        .set('x-csrf-token', l.csrf)
        .send({ emailEnabled: true, inAppEnabled: false, remindersEnabled: false })
        .expect(200);
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body).toEqual({
        emailEnabled: true,
        inAppEnabled: false,
        remindersEnabled: false,
      });
    });

    it('names every wrong or missing switch', async () => {
      const l = await signedUpLearner(t.http);
      const put = (body: unknown) =>
        l.agent
          .put('/api/me/notification-preferences')
          .set('x-csrf-token', l.csrf)
          .send(body as object);
      const missing = await put({ emailEnabled: false }).expect(400);
      expectErrorShape(missing.body, 400, 'VALIDATION_FAILED');
      expect(missing.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'inAppEnabled',
        'remindersEnabled',
      ]);
      const wrongType = await put({ emailEnabled: 'no', inAppEnabled: true, remindersEnabled: true }).expect(
        400,
      );
      expect(wrongType.body.details).toEqual([expect.objectContaining({ path: 'emailEnabled' })]);
      expectErrorShape(
        (await put({ emailEnabled: true, inAppEnabled: true, remindersEnabled: true, sms: true }).expect(400))
          .body,
        400,
        'VALIDATION_FAILED',
      );
      // Nothing was saved.
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body.emailEnabled).toBe(
        true,
      );
    });

    it('needs the CSRF token to change them', async () => {
      const l = await signedUpLearner(t.http);
      await l.agent
        .put('/api/me/notification-preferences')
        .send({ emailEnabled: false, inAppEnabled: true, remindersEnabled: true })
        .expect(403);
    });
  });

  describe('the unsubscribe link of a reminder e-mail', () => {
    it('turns reminders off from a browser and confirms in Vietnamese and English', async () => {
      const l = await signedUpLearner(t.http);
      const res = await request(t.http)
        .get(`/api/notifications/unsubscribe?token=${encodeURIComponent(tokenFor(l.id))}`)
        .set('accept', 'text/html')
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('Bạn đã ngừng nhận thư nhắc học');
      expect(res.text).toContain('You have unsubscribed from learning reminders');
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body).toEqual({
        emailEnabled: true,
        inAppEnabled: true,
        remindersEnabled: false,
      });
      // Opening it again is fine.
      await request(t.http)
        .get(`/api/notifications/unsubscribe?token=${encodeURIComponent(tokenFor(l.id))}`)
        .expect(200);
    });

    it('accepts the POST of a one-click unsubscribe (RFC 8058 body)', async () => {
      const l = await signedUpLearner(t.http);
      const b = await browser(t.http);
      const res = await b
        .post(`/api/notifications/unsubscribe?token=${encodeURIComponent(tokenFor(l.id))}`)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(res.body).toEqual({ unsubscribed: true });
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body.remindersEnabled).toBe(
        false,
      );
    });

    it('refuses a forged, altered or missing token with 400 INVALID_TOKEN and changes nothing', async () => {
      const l = await signedUpLearner(t.http);
      const forged = tokenFor(l.id, 'a-guessed-secret-that-is-long-enough-0123456789');
      const json = await request(t.http)
        .get(`/api/notifications/unsubscribe?token=${encodeURIComponent(forged)}`)
        .expect(400);
      expectErrorShape(json.body, 400, 'INVALID_TOKEN');
      const page = await request(t.http)
        .get(`/api/notifications/unsubscribe?token=${encodeURIComponent(forged)}`)
        .set('accept', 'text/html')
        .expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Liên kết hủy đăng ký không hợp lệ');
      expect(page.text).toContain('This unsubscribe link is not valid');
      const [body, sig] = tokenFor(l.id).split('.');
      const altered = `${body!.slice(0, -2)}AA.${sig}`;
      expectErrorShape(
        (
          await request(t.http)
            .get(`/api/notifications/unsubscribe?token=${encodeURIComponent(altered)}`)
            .expect(400)
        ).body,
        400,
        'INVALID_TOKEN',
      );
      expectErrorShape(
        (await request(t.http).get('/api/notifications/unsubscribe').expect(400)).body,
        400,
        'INVALID_TOKEN',
      );
      const b = await browser(t.http);
      expectErrorShape(
        (
          await b
            .post(`/api/notifications/unsubscribe?token=${encodeURIComponent(forged)}`)
            .send({})
            .expect(400)
        ).body,
        400,
        'INVALID_TOKEN',
      );
      expect((await l.agent.get('/api/me/notification-preferences').expect(200)).body.remindersEnabled).toBe(
        true,
      );
    });
  });

  describe('the mail outbox (tier 0 without SMTP)', () => {
    it('shows the latest e-mails to a system administrator only', async () => {
      const address = `outbox-${randomBytes(4).toString('hex')}@example.com`;
      await insertOutboxMail(db, {
        toAddress: address,
        subject: 'Tiếp tục khóa học “Nhận diện lừa đảo trực tuyến”',
        text: 'Chào bạn,',
        html: '<p>Chào bạn,</p>',
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        dedupeKey: null,
        transport: 'local',
      });
      const learner = await signedUpLearner(t.http);
      expectErrorShape(
        (await learner.agent.get('/api/admin/mail-outbox').expect(403)).body,
        403,
        'FORBIDDEN',
      );
      const admin = await signedInDemo(t.http);
      const res = await admin.agent.get('/api/admin/mail-outbox').expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.items.length).toBeLessThanOrEqual(100);
      expect(res.body.items.find((i: { toAddress: string }) => i.toAddress === address)).toEqual({
        id: expect.any(String),
        toAddress: address,
        subject: 'Tiếp tục khóa học “Nhận diện lừa đảo trực tuyến”',
        text: 'Chào bạn,',
        html: '<p>Chào bạn,</p>',
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        transport: 'local',
        createdAt: expect.any(String),
        sentAt: null,
        attempts: 0,
        error: null,
      });
    });

    it('shows a password-reset link with its token redacted: only the recipient holds a live token', async () => {
      const l = await signedUpLearner(t.http);
      await (
        await browser(t.http)
      )
        .post('/api/auth/password-reset')
        .send({ identifier: l.email })
        .expect(202);
      const [stored] = await db.query(`SELECT text FROM mail_outbox WHERE to_address = $1`, [l.email]);
      const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(stored.text)![1]!;
      const admin = await signedInDemo(t.http);
      const res = await admin.agent.get('/api/admin/mail-outbox').expect(200);
      const mail = res.body.items.find((i: { toAddress: string }) => i.toAddress === l.email);
      expect(mail.text).toContain('/reset-password?token=REDACTED');
      expect(JSON.stringify(res.body)).not.toContain(token);
      // The redacted link does nothing; the recipient's own still works.
      await (
        await browser(t.http)
      )
        .post('/api/auth/password-reset/confirm')
        .send({ token: 'REDACTED', password: 'new-good-password-1' })
        .expect(400);
      await (
        await browser(t.http)
      )
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'new-good-password-1' })
        .expect(204);
    });
  });
});
