import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { verifyUnsubscribeToken } from '@hocvuso/domain';
import { type EnqueueOptions, type JobNameValue, type JobPayloads, reminderJobId } from '@hocvuso/jobs';
import { LocalDiskStorage } from '@hocvuso/storage';
import { openRunDatabase } from '@hocvuso/testing';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker.config';
import { jobHandlers } from '../src/jobs/handlers';
import { createMailer, type Mailer } from '../src/mail/mailer';
import { deliverOutboxMail } from '../src/mail/outbox';
import { testJobQueue } from './support/test-job-queue';

const COURSE = 'online-scams';
const PUBLIC_URL = 'https://hocvuso.example.vn';
/** Tuesday 10 March 2026, 10:00 in Hồ Chí Minh City (03:00 UTC): ISO week 2026-W11. */
const TEN_AM = new Date('2026-03-10T03:00:00Z');
/** The same Tuesday, 22:00 local: quiet hours. */
const TEN_PM = new Date('2026-03-10T15:00:00Z');
/** Wednesday 07:00 local, when the quiet hours end. */
const SEVEN_AM_NEXT = new Date('2026-03-11T00:00:00Z');
const HOUR = 3_600_000;

// ---- a real SMTP server that keeps what it receives ---------------------------------------------------------

interface Received {
  rcptTo: string[];
  raw: string;
}

async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// ---- just enough MIME to read what the server received -------------------------------------------------------

const utf8 = (bytes: number[]) => Buffer.from(bytes).toString('utf8');

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return utf8(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

interface ParsedMail {
  headers: Map<string, string>;
  text: string;
  html: string;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => {
          const s = p.replace(/^\r\n/, '').indexOf('\r\n\r\n');
          const part = p.replace(/^\r\n/, '');
          const h = parseHeaders(part.slice(0, s));
          return {
            type: h.get('content-type') ?? '',
            content: decodeBody(h, part.slice(s + 4).replace(/\r\n$/, '')),
          };
        })
    : [{ type: headers.get('content-type') ?? '', content: decodeBody(headers, body) }];
  return {
    headers,
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.content ?? '',
  };
}

// ---- the world ---------------------------------------------------------------------------------------------

/** Records what handlers enqueue instead of running it, so the test decides what runs, when, on which clock. */
class CapturingQueue {
  jobs: Array<{ name: JobNameValue; payload: unknown; options: EnqueueOptions }> = [];
  async enqueue<N extends JobNameValue>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    this.jobs.push({ name, payload, options });
  }
  remindersFor(userIds: string[]): Array<JobPayloads['send-reminder']> {
    return this.jobs
      .filter((j) => j.name === 'send-reminder')
      .map((j) => j.payload as JobPayloads['send-reminder'])
      .filter((p) => userIds.includes(p.userId));
  }
  clear() {
    this.jobs = [];
  }
}

describe('reminders: a course in progress untouched for a week', () => {
  let db: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let courseTitle: { vi: string; en: string };
  const mailers: Mailer[] = [];

  beforeAll(async () => {
    db = await openRunDatabase();
    smtp = await startSmtp();
    [{ title: courseTitle }] = await db.query(
      `SELECT v.title FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = $1`,
      [COURSE],
    );
  });
  afterAll(async () => {
    for (const m of mailers) m.close();
    await smtp.close();
    await db.destroy();
  });

  /** The worker's own handlers, configured from the environment like the real worker, with a test clock. */
  function worker(opts: { smtpUrl?: string; at: Date }) {
    const config = loadWorkerConfig({
      ...process.env,
      SMTP_URL: opts.smtpUrl,
      PUBLIC_URL: PUBLIC_URL,
      REMINDERS_ENABLED: 'true',
      LOG_LEVEL: 'silent',
    });
    const mailer = createMailer(config.mail);
    mailers.push(mailer);
    const queue = new CapturingQueue();
    const clock = { now: opts.at };
    const handlers = jobHandlers({
      db,
      queue,
      issuance: { db, storage: new LocalDiskStorage(config.storageDir), settings: config.issuer },
      reminders: {
        db,
        queue,
        mailer,
        clock: () => clock.now,
        settings: {
          publicUrl: config.publicUrl,
          unsubscribeSecret: config.unsubscribeSecret,
          enabled: config.reminders.enabled,
        },
      },
    });
    return { handlers, queue, clock, config, mailer };
  }

  /** A learner enrolled in the course, last active `idleDays` ago (database clock). */
  async function learner(opts: {
    name: string;
    language?: 'vi' | 'en';
    email?: boolean;
    idleDays?: number;
    course?: string;
  }) {
    const email = opts.email === false ? null : `nhac-${randomBytes(5).toString('hex')}@example.com`;
    const phone = opts.email === false ? `+8491${Math.floor(1_000_000 + Math.random() * 8_999_999)}` : null;
    const [u] = await db.query(
      `INSERT INTO users (display_name, email, phone, language) VALUES ($1, $2, $3, $4) RETURNING id`,
      [opts.name.normalize('NFC'), email, phone, opts.language ?? 'vi'],
    );
    await db.query(
      `INSERT INTO enrolments (user_id, course_id, status, last_activity_at) VALUES ($1, $2, 'active', now() - make_interval(days => $3))`,
      [u.id, opts.course ?? COURSE, opts.idleDays ?? 8],
    );
    return { id: u.id as string, email };
  }

  const preferences = (userId: string, p: { email?: boolean; inApp?: boolean; reminders?: boolean }) =>
    db.query(
      `INSERT INTO notification_preferences (user_id, email_enabled, in_app_enabled, reminders_enabled) VALUES ($1, $2, $3, $4)`,
      [userId, p.email ?? true, p.inApp ?? true, p.reminders ?? true],
    );

  /** Runs the sweep, then every reminder it fanned out to these learners; returns the outcomes. */
  async function sweepAndSend(w: ReturnType<typeof worker>, userIds: string[]) {
    w.queue.clear();
    await w.handlers['sweep-inactive-learners']({ inactiveDays: 7 });
    const jobs = w.queue.remindersFor(userIds);
    const outcomes = [];
    for (const job of jobs) outcomes.push(await w.handlers['send-reminder'](job));
    return { jobs, outcomes };
  }

  const mailTo = (address: string | null) =>
    smtp.received.filter((m) => address && m.rcptTo.includes(address));
  const count = async (table: string, userId: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]))[0].n as number;
  const outboxTo = (address: string | null) =>
    db.query(`SELECT * FROM mail_outbox WHERE to_address = $1`, [address]);

  it('sends each inactive learner one e-mail in their language and one in-app notification, and a second sweep sends nothing', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const huong = await learner({ name: 'Nguyễn Thị Hương', language: 'vi' });
    const john = await learner({ name: 'John Smith', language: 'en' });
    const busy = await learner({ name: 'Trần Văn Bận', idleDays: 2 });

    const first = await sweepAndSend(w, [huong.id, john.id, busy.id]);
    expect(first.jobs.map((j) => j.userId).sort()).toEqual([huong.id, john.id].sort());
    expect(first.outcomes).toEqual(['done', 'done']);
    const job = first.jobs.find((j) => j.userId === huong.id)!;
    expect(job).toEqual({
      kind: 'inactive',
      userId: huong.id,
      courseId: COURSE,
      dedupeKey: `reminder:inactive:${huong.id}:${COURSE}:2026-W11`,
    });
    const enqueued = w.queue.jobs.find((j) => (j.payload as { userId?: string }).userId === huong.id)!;
    expect(enqueued.options.jobId).toBe(reminderJobId(job.dedupeKey));

    // Vietnamese
    expect(mailTo(huong.email)).toHaveLength(1);
    const vi = parseMail(mailTo(huong.email)[0]!.raw);
    expect(decodeWords(vi.headers.get('subject')!)).toBe(`Tiếp tục khóa học “${courseTitle.vi}”`);
    expect(decodeWords(vi.headers.get('from')!)).toContain('no-reply@hocvuso.local');
    expect(vi.text).toContain('Chào Nguyễn Thị Hương,');
    expect(vi.text).toContain(`Đã 8 ngày bạn chưa học tiếp khóa học “${courseTitle.vi}”.`);
    expect(vi.text).toContain(`Học tiếp: ${PUBLIC_URL}/courses/${COURSE}`);
    expect(vi.html).toContain('<html lang="vi">');
    expect(vi.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(vi.headers.get('list-unsubscribe')!)![1]!;
    expect(link.startsWith(`${PUBLIC_URL}/api/notifications/unsubscribe?token=`)).toBe(true);
    expect(vi.text).toContain(`Ngừng nhận thư nhắc học: ${link}`);
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);
    const mac = (data: string) =>
      createHmac('sha256', process.env.UNSUBSCRIBE_SECRET!).update(data).digest('base64url');
    expect(verifyUnsubscribeToken(token, mac)).toEqual({ userId: huong.id, purpose: 'reminders' });

    // English
    expect(mailTo(john.email)).toHaveLength(1);
    const en = parseMail(mailTo(john.email)[0]!.raw);
    expect(decodeWords(en.headers.get('subject')!)).toBe(`Continue your course “${courseTitle.en}”`);
    expect(en.text).toContain('Hello John Smith,');
    expect(en.text).toContain(`Continue learning: ${PUBLIC_URL}/courses/${COURSE}`);
    expect(en.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // One in-app notification and one delivery each; the e-mail recorded as sent over SMTP.
    for (const l of [huong, john]) {
      const notes = await db.query(
        `SELECT kind, title, link, read_at FROM notifications WHERE user_id = $1`,
        [l.id],
      );
      expect(notes).toEqual([
        {
          kind: 'inactive',
          title: expect.objectContaining({ vi: expect.any(String), en: expect.any(String) }),
          link: `/courses/${COURSE}`,
          read_at: null,
        },
      ]);
      const deliveries = await db.query(
        `SELECT kind, subject_id, period, channels FROM reminder_deliveries WHERE user_id = $1`,
        [l.id],
      );
      expect(deliveries).toEqual([
        { kind: 'inactive', subject_id: COURSE, period: '2026-W11', channels: ['in_app', 'email'] },
      ]);
      const outbox = await outboxTo(l.email);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        transport: 'smtp',
        error: null,
        attempts: 1,
        sent_at: expect.any(Date),
      });
    }
    expect(await count('notifications', busy.id)).toBe(0);
    expect(mailTo(busy.email)).toHaveLength(0);

    // A second sweep the same week finds nobody; running the same jobs again (a retry, a duplicate) sends nothing.
    const messages = smtp.received.length;
    const second = await sweepAndSend(w, [huong.id, john.id, busy.id]);
    expect(second.jobs).toEqual([]);
    for (const j of first.jobs) expect(await w.handlers['send-reminder'](j)).toBe('skipped');
    w.clock.now = new Date(TEN_AM.getTime() + 3 * 24 * HOUR); // Friday, same week
    expect((await sweepAndSend(w, [huong.id, john.id])).jobs).toEqual([]);
    expect(smtp.received.length).toBe(messages);
    for (const l of [huong, john]) {
      expect(await count('notifications', l.id)).toBe(1);
      expect(await count('reminder_deliveries', l.id)).toBe(1);
    }
  });

  it('nudges a learner with several abandoned courses once a week, about the course touched last', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const lan = await learner({ name: 'Phạm Thị Lan', idleDays: 20 });
    await db.query(
      `INSERT INTO enrolments (user_id, course_id, status, last_activity_at) VALUES ($1, 'smartphone-basics', 'active', now() - interval '9 days')`,
      [lan.id],
    );
    const { jobs, outcomes } = await sweepAndSend(w, [lan.id]);
    expect(jobs.map((j) => j.courseId)).toEqual(['smartphone-basics']);
    expect(outcomes).toEqual(['done']);
    // Even a job for the other course (an older sweep, another worker) sends nothing more this week.
    const other = {
      kind: 'inactive' as const,
      userId: lan.id,
      courseId: COURSE,
      dedupeKey: `reminder:inactive:${lan.id}:${COURSE}:2026-W11`,
    };
    expect(await w.handlers['send-reminder'](other)).toBe('skipped');
    expect(mailTo(lan.email)).toHaveLength(1);
    expect(await count('notifications', lan.id)).toBe(1);
    // The next week is a new week.
    w.clock.now = new Date(TEN_AM.getTime() + 7 * 24 * HOUR);
    const next = await sweepAndSend(w, [lan.id]);
    expect(next.jobs.map((j) => j.dedupeKey)).toEqual([
      `reminder:inactive:${lan.id}:smartphone-basics:2026-W12`,
    ]);
    expect(next.outcomes).toEqual(['done']);
    expect(mailTo(lan.email)).toHaveLength(2);
  });

  it('gives a learner who turned e-mail off only the in-app notification', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const minh = await learner({ name: 'Lê Văn Minh' });
    await preferences(minh.id, { email: false });
    const { outcomes } = await sweepAndSend(w, [minh.id]);
    expect(outcomes).toEqual(['done']);
    expect(await count('notifications', minh.id)).toBe(1);
    expect(
      (await db.query(`SELECT channels FROM reminder_deliveries WHERE user_id = $1`, [minh.id]))[0].channels,
    ).toEqual(['in_app']);
    expect(mailTo(minh.email)).toHaveLength(0);
    expect(await outboxTo(minh.email)).toHaveLength(0);
  });

  it('gives a learner without an e-mail address (phone sign-up) the in-app notification', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const hoa = await learner({ name: 'Vũ Thị Hoa', email: false });
    const { outcomes } = await sweepAndSend(w, [hoa.id]);
    expect(outcomes).toEqual(['done']);
    expect(await count('notifications', hoa.id)).toBe(1);
  });

  it('sends nothing at all to a learner who turned reminders off', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const tuan = await learner({ name: 'Đỗ Minh Tuấn' });
    await preferences(tuan.id, { reminders: false });
    const { jobs } = await sweepAndSend(w, [tuan.id]);
    expect(jobs).toEqual([]);
    // Even a job already queued before they switched off is dropped at send time.
    const queued = {
      kind: 'inactive' as const,
      userId: tuan.id,
      courseId: COURSE,
      dedupeKey: `reminder:inactive:${tuan.id}:${COURSE}:2026-W11`,
    };
    expect(await w.handlers['send-reminder'](queued)).toBe('skipped');
    expect(await count('notifications', tuan.id)).toBe(0);
    expect(await count('reminder_deliveries', tuan.id)).toBe(0);
    expect(mailTo(tuan.email)).toHaveLength(0);
  });

  it('sends nothing at 22:00 in Vietnam and sends it at 07:00 the next morning', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_PM });
    const nga = await learner({ name: 'Hoàng Thị Nga' });
    const { jobs, outcomes } = await sweepAndSend(w, [nga.id]);
    expect(outcomes).toEqual(['skipped']);
    expect(await count('notifications', nga.id)).toBe(0);
    expect(await count('reminder_deliveries', nga.id)).toBe(0);
    expect(mailTo(nga.email)).toHaveLength(0);
    // Deferred through the queue it was given, to 07:00 local (9 hours later), under a job id of its own.
    const deferred = w.queue.jobs.filter(
      (j) =>
        j.name === 'send-reminder' &&
        (j.payload as { userId: string }).userId === nga.id &&
        j.options.delayMs,
    );
    expect(deferred).toHaveLength(1);
    expect(deferred[0]!.payload).toEqual(jobs[0]);
    expect(deferred[0]!.options.delayMs).toBe(9 * HOUR);
    expect(deferred[0]!.options.jobId).not.toBe(reminderJobId(jobs[0]!.dedupeKey));
    expect(deferred[0]!.options.jobId).not.toContain(':');

    w.clock.now = SEVEN_AM_NEXT;
    expect(await w.handlers['send-reminder'](deferred[0]!.payload as JobPayloads['send-reminder'])).toBe(
      'done',
    );
    expect(mailTo(nga.email)).toHaveLength(1);
    expect(await count('notifications', nga.id)).toBe(1);
  });

  it('without SMTP_URL keeps the e-mail in the local outbox and opens no SMTP connection', async () => {
    const w = worker({ smtpUrl: undefined, at: TEN_AM });
    expect(w.config.mail.smtpUrl).toBeUndefined();
    const before = smtp.received.length;
    const quang = await learner({ name: 'Bùi Văn Quang', language: 'en' });
    const { outcomes } = await sweepAndSend(w, [quang.id]);
    expect(outcomes).toEqual(['done']);
    const [mail] = await outboxTo(quang.email);
    expect(mail).toMatchObject({
      transport: 'local',
      sent_at: null,
      error: null,
      subject: `Continue your course “${courseTitle.en}”`,
    });
    expect(mail.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail.text).toContain(`${PUBLIC_URL}/courses/${COURSE}`);
    expect(smtp.received.length).toBe(before);
    expect(await count('notifications', quang.id)).toBe(1);
    // The backlog job has nothing to do without SMTP either.
    expect(await w.handlers['send-pending-mail']({ olderThanSeconds: 0 })).toBe('skipped');
    expect(smtp.received.length).toBe(before);
  });

  it('when SMTP is down, records the reminder once and sends the e-mail on the retry', async () => {
    const closed = await startSmtp();
    await closed.close(); // a port nobody listens on any more
    const down = worker({ smtpUrl: closed.url, at: TEN_AM });
    const vy = await learner({ name: 'Ngô Thảo Vy' });
    down.queue.clear();
    await down.handlers['sweep-inactive-learners']({ inactiveDays: 7 });
    const [job] = down.queue.remindersFor([vy.id]);
    await expect(down.handlers['send-reminder'](job!)).rejects.toThrow();
    const [pending] = await outboxTo(vy.email);
    expect(pending).toMatchObject({
      transport: 'smtp',
      sent_at: null,
      attempts: 1,
      error: expect.any(String),
    });
    expect(await count('notifications', vy.id)).toBe(1);

    const up = worker({ smtpUrl: smtp.url, at: TEN_AM });
    expect(await up.handlers['send-reminder'](job!)).toBe('done'); // the retry
    expect(await up.handlers['send-reminder'](job!)).toBe('skipped');
    expect(mailTo(vy.email)).toHaveLength(1);
    const [sent] = await outboxTo(vy.email);
    expect(sent).toMatchObject({ sent_at: expect.any(Date), attempts: 2, error: null });
    expect(await count('notifications', vy.id)).toBe(1);
  });

  it('the backlog job sends e-mail a lost job left behind, reminder e-mail only outside the quiet hours', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_PM });
    const other = `backlog-${randomBytes(4).toString('hex')}@example.com`;
    const reminder = `backlog-${randomBytes(4).toString('hex')}@example.com`;
    const left = (address: string, dedupeKey: string | null) =>
      db.query(
        `INSERT INTO mail_outbox (to_address, subject, text, html, transport, dedupe_key, created_at)
         VALUES ($1, 'Nhắc học', 'Nội dung', '<p>Nội dung</p>', 'smtp', $2, now() - interval '10 minutes')`,
        [address, dedupeKey],
      );
    await left(other, null);
    await left(reminder, `reminder:inactive:${randomBytes(4).toString('hex')}:${COURSE}:2026-W11`);
    // 22:00: the e-mail that is not a reminder goes; the reminder waits for the morning.
    expect(await w.handlers['send-pending-mail']({ olderThanSeconds: 300 })).toBe('done');
    expect(mailTo(other)).toHaveLength(1);
    expect(decodeWords(parseMail(mailTo(other)[0]!.raw).headers.get('subject')!)).toBe('Nhắc học');
    expect(mailTo(reminder)).toHaveLength(0);
    w.clock.now = SEVEN_AM_NEXT;
    expect(await w.handlers['send-pending-mail']({ olderThanSeconds: 300 })).toBe('done');
    expect(mailTo(reminder)).toHaveLength(1);
    expect(await w.handlers['send-pending-mail']({ olderThanSeconds: 300 })).toBe('skipped');
    expect(mailTo(other)).toHaveLength(1);
    expect(mailTo(reminder)).toHaveLength(1);
  });

  it('the backlog job sends batch after batch up to its cap, and the next run sends the rest', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const tag = randomBytes(4).toString('hex');
    // 450 invitations of a roster (no dedupe key), waiting: more than two batches of 200.
    await db.query(
      `INSERT INTO mail_outbox (to_address, subject, text, html, transport, created_at)
       SELECT 'roster-' || g || '-${tag}@example.com', 'Mời tham gia', 'Nội dung', '<p>Nội dung</p>', 'smtp',
              now() - interval '10 minutes'
         FROM generate_series(1, 450) g`,
    );
    const ours = () =>
      smtp.received.filter((m) => m.rcptTo.some((r) => r.endsWith(`-${tag}@example.com`))).length;
    const unsent = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM mail_outbox WHERE to_address LIKE $1 AND sent_at IS NULL`,
          [`%-${tag}@example.com`],
        )
      )[0].n;
    // One run with a cap of 250 (the backlog job's own cap is MAIL_MAX_PER_RUN).
    const first = await deliverOutboxMail(db, w.mailer, { olderThanSeconds: 300, withReminders: true }, 250);
    expect(first.sent).toBeLessThanOrEqual(250);
    expect(await unsent()).toBeGreaterThanOrEqual(200); // the cap held (other suites' mail may come first)
    expect(await w.handlers['send-pending-mail']({ olderThanSeconds: 300 })).toBe('done');
    expect(await unsent()).toBe(0);
    expect(ours()).toBe(450); // each once
  });

  it('fans out through BullMQ with job ids it accepts, once per reminder', async () => {
    const w = worker({ smtpUrl: smtp.url, at: TEN_AM });
    const khoa = await learner({ name: 'Trịnh Đăng Khoa' });
    // A queue prefix of its own: the workers other suites start never see these jobs.
    const prefix = `hvs-reminders-test-${randomBytes(4).toString('hex')}`;
    const bull = testJobQueue(process.env.REDIS_URL!, prefix);
    try {
      const handlers = jobHandlers({
        db,
        queue: bull,
        issuance: { db, storage: new LocalDiskStorage(w.config.storageDir), settings: w.config.issuer },
        reminders: {
          db,
          queue: bull,
          mailer: mailers[mailers.length - 1]!,
          clock: () => TEN_AM,
          settings: { publicUrl: PUBLIC_URL, unsubscribeSecret: w.config.unsubscribeSecret, enabled: true },
        },
      });
      await handlers['sweep-inactive-learners']({ inactiveDays: 7 });
      await handlers['sweep-inactive-learners']({ inactiveDays: 7 });
      const key = `reminder:inactive:${khoa.id}:${COURSE}:2026-W11`;
      const job = await bull.queue('notifications').getJob(reminderJobId(key));
      expect(job?.name).toBe('send-reminder');
      expect(job?.data).toEqual({ kind: 'inactive', userId: khoa.id, courseId: COURSE, dedupeKey: key });
      const all = await bull.queue('notifications').getJobs(['waiting', 'delayed', 'prioritized']);
      expect(all.filter((j) => j.data.userId === khoa.id)).toHaveLength(1);
    } finally {
      await bull.queue('notifications').obliterate({ force: true });
      await bull.close();
    }
  });
});

describe('reminders: mandated courses due in 7, 3 and 1 days', () => {
  let db: DataSource;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const unitPath = `/DL${tag}/`;
  let mandateId: string;

  beforeAll(async () => {
    db = await openRunDatabase();
    const [unit] = await db.query(
      `INSERT INTO administrative_units (code, level, name, path, valid_from) VALUES ($1, 'province', 'Tỉnh Hạn', $2, '2025-07-01') RETURNING id`,
      [`DL${tag}`, unitPath],
    );
    // Due Sunday 15 March 2026: from Tuesday 10 March (TEN_AM) that is 5 days, the 7-day window.
    [{ id: mandateId }] = await db.query(
      `INSERT INTO mandates (title, course_ids, unit_id, unit_path, target_group, due_on, grace_days)
       VALUES ('Bồi dưỡng kỹ năng số 2026', $1, $2, $3, 'public-servants', '2026-03-15', 0) RETURNING id`,
      [[COURSE, 'vneid-digital-identity'], unit.id, unitPath],
    );
  });
  afterAll(() => db.destroy());

  function worker(at: Date) {
    const config = loadWorkerConfig({
      ...process.env,
      SMTP_URL: undefined,
      PUBLIC_URL,
      REMINDERS_ENABLED: 'true',
      LOG_LEVEL: 'silent',
    });
    const queue = new CapturingQueue();
    const mailer = createMailer(config.mail);
    const handlers = jobHandlers({
      db,
      queue,
      issuance: { db, storage: new LocalDiskStorage(config.storageDir), settings: config.issuer },
      reminders: {
        db,
        queue,
        mailer,
        clock: () => at,
        settings: { publicUrl: config.publicUrl, unsubscribeSecret: config.unsubscribeSecret, enabled: true },
      },
    });
    return { handlers, queue, mailer };
  }

  async function person(opts: { inScope: boolean; completed?: boolean }) {
    const [u] = await db.query(
      `INSERT INTO users (display_name, email) VALUES ('Cán bộ Hạn', $1) RETURNING id, email`,
      [`han-${randomBytes(5).toString('hex')}@example.com`],
    );
    await db.query(
      `INSERT INTO learner_profiles (user_id, target_groups, unit_path) VALUES ($1, '{public-servants}', $2)`,
      [u.id, opts.inScope ? `${unitPath}X1/` : `/ELSEWHERE${tag}/`],
    );
    if (opts.completed) {
      for (const c of [COURSE, 'vneid-digital-identity']) {
        await db.query(
          `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', now())`,
          [u.id, c],
        );
      }
    }
    return u as { id: string; email: string };
  }

  async function run(at: Date, userIds: string[]) {
    const w = worker(at);
    await w.handlers['sweep-mandate-deadlines']({ maxDays: 7 });
    const jobs = w.queue.remindersFor(userIds);
    const outcomes = [];
    for (const job of jobs) outcomes.push(await w.handlers['send-reminder'](job));
    w.mailer.close();
    return { jobs, outcomes };
  }

  it('reminds, once per window, the people of the mandate who have not finished, and nobody else', async () => {
    const due = await person({ inScope: true });
    const done = await person({ inScope: true, completed: true });
    const outside = await person({ inScope: false });
    const first = await run(TEN_AM, [due.id, done.id, outside.id]);
    expect(first.jobs.map((j) => [j.userId, j.kind, j.dedupeKey])).toEqual([
      [due.id, 'deadline', `reminder:deadline:${due.id}:${mandateId}:d7`],
    ]);
    expect(first.outcomes).toEqual(['done']);
    const [note] = await db.query(`SELECT kind, title, link FROM notifications WHERE user_id = $1`, [due.id]);
    expect(note).toMatchObject({ kind: 'deadline', link: '/me/learning' });
    expect(note.title.vi).toContain('Bồi dưỡng kỹ năng số 2026');
    const [mail] = await db.query(`SELECT subject, text, transport FROM mail_outbox WHERE to_address = $1`, [
      due.email,
    ]);
    expect(mail.transport).toBe('local');
    expect(mail.text).toContain('Chỉ còn 5 ngày');
    // The next day's sweep is in the same window: nothing new.
    const again = await run(new Date(TEN_AM.getTime() + 24 * HOUR), [due.id]);
    expect(again.outcomes.filter((o) => o === 'done')).toEqual([]);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [due.id]))[0].n,
    ).toBe(1);
    // Three days before the deadline: the 3-day window, one more reminder.
    const third = await run(new Date('2026-03-12T03:00:00Z'), [due.id]);
    expect(third.jobs.map((j) => j.dedupeKey)).toEqual([`reminder:deadline:${due.id}:${mandateId}:d3`]);
    expect(third.outcomes).toEqual(['done']);
    // After the due date: no more deadline reminders.
    const late = await run(new Date('2026-03-16T03:00:00Z'), [due.id]);
    expect(late.jobs).toEqual([]);
  });

  it('re-checks at send time that the mandate still applies: a learner who left its target group is skipped', async () => {
    const due = await person({ inScope: true });
    const w = worker(TEN_AM);
    await w.handlers['sweep-mandate-deadlines']({ maxDays: 7 });
    const jobs = w.queue.remindersFor([due.id]);
    expect(jobs).toHaveLength(1);
    // Between the sweep and the send, the person's profile moves to another target group.
    await db.query(`UPDATE learner_profiles SET target_groups = '{citizens}' WHERE user_id = $1`, [due.id]);
    expect(await w.handlers['send-reminder'](jobs[0]!)).toBe('skipped');
    w.mailer.close();
    expect(await db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [due.id])).toEqual([]);
  });
});
