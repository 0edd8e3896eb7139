import { isUuid, type LocalizedText } from '@hocvuso/domain';
import {
  type LessonAudio,
  lessonAudioOf,
  type LessonBody,
  lessonBodyOf,
  type LessonBodyOf,
  type LessonKind,
} from '@hocvuso/contracts';
import {
  currentLessonRevisionId,
  learnerLessonRevisionId,
  lessonRevision,
  type Queryable,
} from '@hocvuso/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Lru } from '../../common/cache/lru';

/** A lesson revision with its body typed by kind (`kind` is always `body.kind`). */
export interface LessonMeta<B extends LessonBody = LessonBody> {
  id: string;
  key: string;
  kind: B['kind'];
  courseId: string;
  title: LocalizedText;
  minReadSeconds: number;
  body: B;
  /** The narration per language (any kind; none for most lessons). */
  audio: LessonAudio[];
}

/** The lesson narrowed to one kind, or undefined when it is another kind. */
export function lessonOfKind<K extends LessonKind>(
  meta: LessonMeta,
  kind: K,
): LessonMeta<LessonBodyOf<K>> | undefined {
  return meta.body.kind === kind ? (meta as LessonMeta<LessonBodyOf<K>>) : undefined;
}

const MAX_CACHED = 5_000;
/** Learner-addresses whose revision the heartbeat path remembers (least recently used dropped first). */
const MAX_LEARNER_ADDRESSES = 50_000;

/**
 * Lesson revisions never change once written (a change makes a new revision), so their metadata is cached
 * in memory for the hot paths (heartbeats) without any invalidation. The body is parsed once, here.
 */
@Injectable()
export class LessonDirectory {
  private readonly cache = new Map<string, LessonMeta>();
  /** `userId|address` → the revision it stood for when last resolved (heartbeats only: see findForHeartbeat). */
  private readonly learnerRevisions = new Lru<string>(MAX_LEARNER_ADDRESSES);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The lesson at an address (its id for life, or any revision's id, as links hold): its revision in the
   * course's current version, else (a lesson removed since) the revision the id names.
   */
  async findCurrent(lessonId: string): Promise<LessonMeta | undefined> {
    if (!isUuid(lessonId)) return undefined;
    return this.find((await currentLessonRevisionId(this.db, lessonId)) ?? lessonId);
  }

  /**
   * The lesson at an address as a learner reads it: its revision in the version they read (their own while in
   * progress, else the current one), else (a lesson that version does not have) the revision the id names.
   */
  async findFor(lessonId: string, userId: string): Promise<LessonMeta | undefined> {
    if (!isUuid(lessonId)) return undefined;
    return this.find((await learnerLessonRevisionId(this.db, lessonId, userId)) ?? lessonId);
  }

  /**
   * {@link findFor} without a query once the learner's address was resolved: the revision it stood for last time.
   * Only for the heartbeat path, whose batch checks under the enrolment lock that the revision is still the one
   * of the version the learner reads (a publish or a move since then is found there, and the heartbeat takes the
   * single path, which resolves it again); the caller then calls {@link forgetFor}.
   */
  async findForHeartbeat(lessonId: string, userId: string): Promise<LessonMeta | undefined> {
    if (!isUuid(lessonId)) return undefined;
    const key = `${userId}|${lessonId}`;
    const known = this.learnerRevisions.get(key);
    if (known) return this.find(known);
    const current = await learnerLessonRevisionId(this.db, lessonId, userId);
    const meta = await this.find(current ?? lessonId);
    if (current && meta) this.learnerRevisions.set(key, current);
    return meta;
  }

  /** Forgets what {@link findForHeartbeat} remembered of this learner's address. */
  forgetFor(lessonId: string, userId: string): void {
    this.learnerRevisions.delete(`${userId}|${lessonId}`);
  }

  /** `db`: the transaction's manager when called inside one (a revision read then runs on its connection). */
  async find(lessonId: string, db: Queryable = this.db): Promise<LessonMeta | undefined> {
    if (!isUuid(lessonId)) return undefined;
    const hit = this.cache.get(lessonId);
    if (hit) return hit;
    const r = await lessonRevision(db, lessonId);
    if (!r) return undefined;
    const body = lessonBodyOf(r.kind, r.data);
    const meta: LessonMeta = {
      id: r.id,
      key: r.lesson_key,
      kind: body.kind,
      courseId: r.course_id,
      title: r.title,
      minReadSeconds: r.min_read_seconds,
      body,
      audio: lessonAudioOf(r.data),
    };
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(lessonId, meta);
    return meta;
  }
}
