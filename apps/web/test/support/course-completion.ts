/**
 * What browser specs need to finish courses and get credentials without clicking through every lesson: the
 * built worker started beside the harness's api, and a course done the honest way through the api with the
 * clocks moved in the database (as the api e2e tests do).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from 'pg';
import { type Page } from 'playwright-core';
import { apiFromPage } from './phone-harness';

const ROOT = resolve(__dirname, '../../../..');

/**
 * Starts the built worker beside the harness's api: same database, Redis (the browser tier's unless told),
 * storage and issuer address.
 */
export function startWorker(
  baseUrl: string,
  databaseUrl: string,
  output: string[],
  redisUrl = process.env.E2E_REDIS_URL,
): ChildProcess {
  const main = join(ROOT, 'dist/apps/worker/main.cjs');
  if (!existsSync(main))
    throw new Error('dist/apps/worker/main.cjs is missing: run `node tools/build.mjs` first');
  const port = new URL(baseUrl).port;
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      // The api was started without PUBLIC_URL, so its issuer is did:web:localhost%3A<port>.
      PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
      REMINDERS_ENABLED: 'false',
      CERTIFICATE_SWEEP_EVERY_SECONDS: '2',
      CERTIFICATE_SWEEP_AFTER_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return child;
}

export async function stopWorker(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

export interface OutlineLesson {
  id: string;
  kind: string;
}

interface BankQuestion {
  id: string;
  type: 'single' | 'multiple' | 'truefalse' | 'ordering';
  options?: Array<{ id: string; correct?: boolean }>;
  items?: Array<{ id: string }>;
  answer?: boolean;
}

/** The right answers of an attempt, from the bank in the database (what a perfect learner would send). */
async function correctAnswers(db: Client, attemptId: string): Promise<Record<string, string | string[]>> {
  const { rows } = await db.query<{
    layout: Array<{ id: string; optionOrder: string[]; optionKeys?: string[] }>;
    questions: BankQuestion[];
  }>(
    `SELECT a.layout, b.questions FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id
      WHERE a.id = $1`,
    [attemptId],
  );
  const byId = new Map(rows[0]!.questions.map((q) => [q.id, q]));
  return Object.fromEntries(
    rows[0]!.layout.map((l) => {
      const { id } = l;
      // the learner sees opaque per-attempt ids (optionKeys) in place of the bank's option ids
      const k = (bankId: string) => l.optionKeys?.[l.optionOrder.indexOf(bankId)] ?? bankId;
      const q = byId.get(id)!;
      if (q.type === 'single') return [id, k(q.options!.find((o) => o.correct)!.id)];
      if (q.type === 'multiple') return [id, q.options!.filter((o) => o.correct).map((o) => k(o.id))];
      if (q.type === 'truefalse') return [id, k(String(q.answer))];
      return [id, q.items!.map((i) => k(i.id))];
    }),
  );
}

/**
 * Does every lesson of the course the honest way, through the api, with the clocks moved in the database:
 * reading started ten minutes ago, a video watched with a heartbeat every 15 s of its length and its pinned
 * questions answered, the checklist ticked, the quiz answered right.
 */
export async function completeCourse(
  db: Client,
  page: Page,
  userId: string,
  courseId: string,
  /** Lessons left for the spec to do itself (`skip` answers true for them). */
  { skip = () => false }: { skip?: (lesson: OutlineLesson) => boolean } = {},
): Promise<void> {
  await apiFromPage(page, 'POST', `/courses/${courseId}/enrol?lang=vi`, {});
  const course = await apiFromPage<{ modules: Array<{ lessons: OutlineLesson[] }> }>(
    page,
    'GET',
    `/courses/${courseId}?lang=vi`,
  );
  for (const lesson of course.modules.flatMap((m) => m.lessons).filter((l) => !skip(l))) {
    const opened = await apiFromPage<{
      checklist?: { items: string[] };
      video?: {
        durationSeconds: number;
        questions?: Array<{ id: string; type: string; options: Array<{ id: string }> }>;
      };
    }>(page, 'GET', `/lessons/${lesson.id}?lang=vi`);
    if (lesson.kind === 'text') {
      await db.query(
        `UPDATE enrolments SET current_lesson_since = now() - interval '10 minutes'
          WHERE user_id = $1 AND current_lesson_id = $2`,
        [userId, lesson.id],
      );
      await apiFromPage(page, 'POST', `/lessons/${lesson.id}/complete?lang=vi`, { reachedEnd: true });
    } else if (lesson.kind === 'checklist') {
      const ticked = opened.checklist!.items.map((_, i) => i);
      await apiFromPage(page, 'PUT', `/lessons/${lesson.id}/checklist?lang=vi`, { ticked });
    } else if (lesson.kind === 'video') {
      const duration = opened.video!.durationSeconds;
      for (let t = 15; t < duration + 15; t += 15) {
        const end = Math.min(t, duration);
        await db.query(
          `UPDATE video_progress SET last_heartbeat_at = last_heartbeat_at - interval '15 seconds'
            WHERE user_id = $1 AND lesson_revision_id = $2`,
          [userId, lesson.id],
        );
        await apiFromPage(page, 'POST', `/lessons/${lesson.id}/heartbeats`, {
          intervals: [[0, end]],
          position: end,
          event: end >= duration ? 'ended' : 'tick',
        });
      }
      // Questions pinned in the video: answering (right or wrong) is what completing the video asks.
      for (const q of opened.video!.questions ?? [])
        await apiFromPage(page, 'POST', `/lessons/${lesson.id}/video-questions/${q.id}/answers?lang=vi`, {
          answer: q.type === 'multiple' ? [q.options[0]!.id] : q.options[0]!.id,
        });
    } else if (lesson.kind === 'quiz') {
      const attempt = await apiFromPage<{ id: string }>(
        page,
        'POST',
        `/lessons/${lesson.id}/quiz-attempts?lang=vi`,
        {},
      );
      await apiFromPage(
        page,
        'POST',
        `/quiz-attempts/${attempt.id}/submit?lang=vi`,
        { answers: await correctAnswers(db, attempt.id) },
        { 'idempotency-key': randomUUID() },
      );
    }
  }
}
