import { isUuid } from '@hocvuso/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';

export interface LessonMeta {
  id: string;
  key: string;
  kind: 'text' | 'video' | 'document' | 'checklist' | 'quiz';
  courseId: string;
  title: LocalizedText;
  minReadSeconds: number;
  data: Record<string, unknown>;
}

const MAX_CACHED = 5_000;

/**
 * Lesson revisions never change once written (a change makes a new revision), so their metadata is cached
 * in memory for the hot paths (heartbeats) without any invalidation.
 */
@Injectable()
export class LessonDirectory {
  private readonly cache = new Map<string, LessonMeta>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(lessonId: string): Promise<LessonMeta | undefined> {
    if (!isUuid(lessonId)) return undefined;
    const hit = this.cache.get(lessonId);
    if (hit) return hit;
    const rows: Array<{
      id: string;
      lesson_key: string;
      kind: LessonMeta['kind'];
      course_id: string;
      title: LocalizedText;
      min_read_seconds: number;
      data: Record<string, unknown>;
    }> = await this.db.query(
      `SELECT id, lesson_key, kind, course_id, title, min_read_seconds, data FROM lesson_revisions WHERE id = $1`,
      [lessonId],
    );
    const r = rows[0];
    if (!r) return undefined;
    const meta: LessonMeta = {
      id: r.id,
      key: r.lesson_key,
      kind: r.kind,
      courseId: r.course_id,
      title: r.title,
      minReadSeconds: r.min_read_seconds,
      data: r.data,
    };
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(lessonId, meta);
    return meta;
  }
}
