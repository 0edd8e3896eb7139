import type { StudioDraft } from '@hocvuso/contracts';
import { describe, expect, it } from '@jest/globals';
import {
  describeProblem,
  incompleteProblems,
  saveProblems,
  shapeProblemTargets,
  validationProblems,
} from './draft-problems';

const at = (field: string) => describeProblem({ field, message: 'm' });

describe('publish problems mapped to readable labels and the control that fixes them', () => {
  it('maps the course texts per language', () => {
    expect(at('title.en')).toEqual({
      kind: 'courseTitle',
      lang: 'en',
      targetId: 'course-title-en',
      message: 'm',
    });
    expect(at('summary.vi')).toMatchObject({
      kind: 'courseSummary',
      lang: 'vi',
      targetId: 'course-summary-vi',
    });
    expect(at('description.vi')).toMatchObject({
      kind: 'courseDescription',
      targetId: 'course-description-vi',
    });
    expect(at('languages')).toMatchObject({ kind: 'languages', targetId: 'course-lang-en' });
  });

  it('maps groups and competencies, counting from 1 as people do', () => {
    expect(at('targetGroups')).toMatchObject({ kind: 'targetGroups', targetId: 'course-group-students' });
    expect(at('competencies')).toMatchObject({ kind: 'competencies', targetId: 'competency-framework' });
    expect(at('competencies.0')).toMatchObject({
      kind: 'competencyUnknown',
      competency: 1,
      targetId: 'competency-0-remove',
    });
    expect(at('competencies.2.level')).toMatchObject({
      kind: 'competencyLevel',
      competency: 3,
      targetId: 'competency-2-level',
    });
  });

  it('maps lesson fields, checklist items and their languages', () => {
    expect(at('lessons')).toMatchObject({ kind: 'lessons', targetId: 'add-text-lesson' });
    expect(at('lessons.0.body.en')).toEqual({
      kind: 'lessonBody',
      lesson: 1,
      lang: 'en',
      targetId: 'lesson-0-body-en',
      message: 'm',
    });
    expect(at('lessons.1.title.vi')).toMatchObject({
      kind: 'lessonTitle',
      lesson: 2,
      targetId: 'lesson-1-title-vi',
    });
    expect(at('lessons.1.key')).toMatchObject({ kind: 'lessonKey', lesson: 2, targetId: 'lesson-1-key' });
    expect(at('lessons.3.items')).toMatchObject({
      kind: 'lessonItems',
      lesson: 4,
      targetId: 'lesson-3-add-item',
    });
    expect(at('lessons.3.items.1.en')).toMatchObject({
      kind: 'lessonItem',
      lesson: 4,
      item: 2,
      lang: 'en',
      targetId: 'lesson-3-item-1-en',
    });
  });

  it('reads the paths of a refused save (under "document.") the same way', () => {
    expect(at('document.lessons.0.minutes')).toMatchObject({
      kind: 'lessonMinutes',
      targetId: 'lesson-0-minutes',
    });
  });

  it('keeps the api’s words for anything it does not know, without a link', () => {
    expect(describeProblem({ field: 'certificate.x', message: 'expected a boolean' })).toEqual({
      kind: 'other',
      message: 'expected a boolean',
    });
    expect(at('lessons.x.title.vi').kind).toBe('other');
  });
});

describe('problems before saving', () => {
  const draft = (lessons: Array<{ key: string; minutes: number }>): StudioDraft =>
    ({
      lessons: lessons.map((l) => ({ ...l, kind: 'text', title: { vi: '' }, body: { vi: '' } })),
    }) as unknown as StudioDraft;

  it('finds keys the api would refuse and minutes outside 1–120', () => {
    const problems = saveProblems(
      draft([
        { key: 'bai-1', minutes: 5 },
        { key: 'Bài 2', minutes: 0 },
        { key: 'bai-3', minutes: Number.NaN },
        { key: 'bai-4', minutes: 121 },
      ]),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'lessons.1.key',
      'lessons.1.minutes',
      'lessons.2.minutes',
      'lessons.3.minutes',
    ]);
    expect(shapeProblemTargets(problems).map((p) => p.kind)).toEqual([
      'lessonKeyFormat',
      'lessonMinutes',
      'lessonMinutes',
      'lessonMinutes',
    ]);
  });

  it('finds nothing in a well-formed draft, complete or not', () => {
    expect(saveProblems(draft([{ key: 'mo-dau', minutes: 120 }]))).toEqual([]);
    expect(saveProblems(draft([]))).toEqual([]);
  });
});

describe('problems from the api', () => {
  it('reads DRAFT_INCOMPLETE and VALIDATION_FAILED details, ignoring anything malformed', () => {
    expect(
      incompleteProblems({ problems: [{ field: 'lessons', message: 'expected at least one lesson' }, 3] }),
    ).toEqual([{ field: 'lessons', message: 'expected at least one lesson' }]);
    expect(incompleteProblems(undefined)).toEqual([]);
    expect(
      validationProblems([{ path: 'document.lessons.0.key', code: 'invalid_format', message: 'x' }, null]),
    ).toEqual([{ field: 'document.lessons.0.key', message: 'x' }]);
    expect(validationProblems({})).toEqual([]);
  });
});
