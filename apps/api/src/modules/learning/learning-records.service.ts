import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { buildStatement, type XapiActivity, type XapiResult, type XapiVerb } from '@hocvuso/domain';
import { appendStatements, type Queryable, type StatementRow } from '@hocvuso/db';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

export interface LearningEvent {
  pseudonym: string;
  verb: XapiVerb;
  activity: XapiActivity;
  parent?: XapiActivity;
  registration?: string;
  result?: XapiResult;
  language?: string;
}

/**
 * Writes every learning event as an xAPI statement into the append-only store, inside the caller's
 * transaction so the record and the state change commit together.
 */
@Injectable()
export class LearningRecordsService {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  /** Activity ids are stable across course versions: course id and lesson key, under our public URL. */
  courseActivity(courseId: string, title: { vi: string; en?: string }): XapiActivity {
    return { id: `${this.config.publicUrl}/activities/courses/${courseId}`, type: 'course', name: title };
  }

  lessonActivity(
    courseId: string,
    lessonKey: string,
    kind: string,
    title: { vi: string; en?: string },
  ): XapiActivity {
    return {
      id: `${this.config.publicUrl}/activities/courses/${courseId}/lessons/${lessonKey}`,
      type: kind === 'video' ? 'video' : kind === 'quiz' ? 'assessment' : 'lesson',
      name: title,
    };
  }

  questionActivity(
    courseId: string,
    lessonKey: string,
    questionId: string,
    prompt: { vi: string; en?: string },
  ): XapiActivity {
    return {
      id: `${this.config.publicUrl}/activities/courses/${courseId}/lessons/${lessonKey}/questions/${questionId}`,
      type: 'question',
      name: prompt,
    };
  }

  async record(db: Queryable, events: LearningEvent[]): Promise<void> {
    await appendStatements(db, this.statements(events));
  }

  /** The statement rows of events, for a query that appends them in a statement of its own (a quiz submission). */
  statements(events: LearningEvent[]): StatementRow[] {
    const now = new Date();
    return events.map((e) => {
      const id = randomUUID();
      return {
        id,
        actorName: e.pseudonym,
        verb: e.verb,
        activityId: e.activity.id,
        registration: e.registration,
        timestamp: now,
        statement: buildStatement({
          id,
          homePage: this.config.publicUrl,
          actorPseudonym: e.pseudonym,
          timestamp: now,
          ...e,
        }),
      };
    });
  }
}
