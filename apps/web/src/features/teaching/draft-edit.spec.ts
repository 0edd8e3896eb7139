import type { StudioDraft } from '@hocvuso/contracts';
import { describe, expect, it } from '@jest/globals';
import {
  addChecklistItem,
  addCompetency,
  addLesson,
  canMove,
  type ChecklistLesson,
  editorLanguages,
  moveLesson,
  nextLessonKey,
  normalizeDraft,
  parseMinutes,
  removeChecklistItem,
  removeCompetency,
  removeLesson,
  replaceLesson,
  sameDraft,
  setChecklistItem,
  setCompetencyLevel,
  setEnglish,
  setText,
} from './draft-edit';

const empty = (): StudioDraft => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: 'Dùng Zalo an toàn' },
  summary: { vi: '' },
  description: { vi: '' },
  targetGroups: [],
  subGroups: [],
  competencies: [],
  certificate: true,
  lessons: [],
});

const keys = (d: StudioDraft) => d.lessons.map((l) => l.key);

describe('draft editing: lessons', () => {
  it('adds a text lesson and a checklist lesson with the next free keys', () => {
    const d = addLesson(addLesson(empty(), 'text'), 'checklist');
    expect(d.lessons).toEqual([
      { key: 'bai-1', kind: 'text', title: { vi: '' }, minutes: 5, body: { vi: '' } },
      { key: 'bai-2', kind: 'checklist', title: { vi: '' }, minutes: 5, items: [{ vi: '' }] },
    ]);
  });

  it('gives new lessons English fields when the course is offered in English', () => {
    const d = addLesson(setEnglish(empty(), true), 'text');
    expect(d.lessons[0]).toMatchObject({ title: { vi: '', en: '' }, body: { vi: '', en: '' } });
  });

  it('never gives a new lesson the key of a published lesson that was deleted from the draft', () => {
    let d = addLesson(addLesson(empty(), 'text'), 'text');
    d = removeLesson(d, 1);
    // "bai-2" is published: deleting it and adding a lesson makes a new lesson, with a key of its own.
    expect(keys(addLesson(d, 'text', ['bai-1', 'bai-2']))).toEqual(['bai-1', 'bai-3']);
    expect(keys(addLesson(d, 'text'))).toEqual(['bai-1', 'bai-2']);
  });

  it('never suggests a key already used, even after lessons were renamed or removed', () => {
    let d = addLesson(addLesson(addLesson(empty(), 'text'), 'text'), 'text');
    d = removeLesson(d, 0);
    expect(keys(d)).toEqual(['bai-2', 'bai-3']);
    expect(nextLessonKey(d.lessons)).toBe('bai-1');
    d = replaceLesson(d, 0, { ...d.lessons[0]!, key: 'bai-1' });
    expect(nextLessonKey(d.lessons)).toBe('bai-2');
  });

  it('moves a lesson up and down, and leaves the list as it is at either end', () => {
    const d = addLesson(addLesson(addLesson(empty(), 'text'), 'checklist'), 'text');
    expect(keys(moveLesson(d, 1, -1))).toEqual(['bai-2', 'bai-1', 'bai-3']);
    expect(keys(moveLesson(d, 1, 1))).toEqual(['bai-1', 'bai-3', 'bai-2']);
    expect(moveLesson(d, 0, -1)).toBe(d);
    expect(moveLesson(d, 2, 1)).toBe(d);
    expect(canMove(3, 0, -1)).toBe(false);
    expect(canMove(3, 0, 1)).toBe(true);
    expect(canMove(3, 2, 1)).toBe(false);
  });

  it('never changes the draft it was given', () => {
    const d = addLesson(addLesson(empty(), 'text'), 'text');
    const before = JSON.stringify(d);
    moveLesson(d, 0, 1);
    removeLesson(d, 0);
    replaceLesson(d, 1, { ...d.lessons[1]!, key: 'khac' });
    setEnglish(d, true);
    expect(JSON.stringify(d)).toBe(before);
  });

  it('edits checklist items: add, change one language, remove', () => {
    const lesson = addLesson(empty(), 'checklist').lessons[0] as ChecklistLesson;
    let l = setChecklistItem(lesson, 0, 'vi', 'Mở ứng dụng Zalo');
    l = addChecklistItem(l, ['vi', 'en']);
    l = setChecklistItem(l, 1, 'en', 'Sign in');
    expect(l.items).toEqual([{ vi: 'Mở ứng dụng Zalo' }, { vi: '', en: 'Sign in' }]);
    expect(removeChecklistItem(l, 0).items).toEqual([{ vi: '', en: 'Sign in' }]);
  });

  it('reads minutes as whole numbers only', () => {
    expect(parseMinutes('12')).toBe(12);
    expect(parseMinutes(' 7 ')).toBe(7);
    expect(parseMinutes('')).toBeNaN();
    expect(parseMinutes('2.5')).toBeNaN();
    expect(parseMinutes('-1')).toBeNaN();
  });
});

describe('draft editing: course fields', () => {
  it('offers English and takes it away again without losing the English texts', () => {
    const withEn = setEnglish(empty(), true);
    expect(withEn.languages).toEqual(['vi', 'en']);
    expect(editorLanguages(withEn)).toEqual(['vi', 'en']);
    const written = { ...withEn, title: setText(withEn.title, 'en', 'Using Zalo safely') };
    const without = setEnglish(written, false);
    expect(without.languages).toEqual(['vi']);
    expect(editorLanguages(without)).toEqual(['vi']);
    expect(without.title.en).toBe('Using Zalo safely');
  });

  it('keeps English for a course whose main language is English', () => {
    const english: StudioDraft = { ...empty(), defaultLanguage: 'en', languages: ['vi', 'en'] };
    expect(setEnglish(english, false)).toBe(english);
  });

  it('adds a competency once, sets or clears its level, and removes it', () => {
    const c = { framework: 'tt02-2025', code: '1.1', level: null };
    let d = addCompetency(empty(), c);
    expect(addCompetency(d, { ...c, level: 3 })).toBe(d);
    d = addCompetency(d, { framework: 'tt02-2025', code: '4.2', level: 2 });
    d = setCompetencyLevel(d, 0, 2);
    expect(d.competencies).toEqual([
      { framework: 'tt02-2025', code: '1.1', level: 2 },
      { framework: 'tt02-2025', code: '4.2', level: 2 },
    ]);
    expect(setCompetencyLevel(d, 1, null).competencies[1]!.level).toBeNull();
    expect(removeCompetency(d, 0).competencies.map((x) => x.code)).toEqual(['4.2']);
  });

  it('tells saved from unsaved content, and sends every text in NFC', () => {
    const d = empty();
    expect(sameDraft(d, empty())).toBe(true);
    expect(sameDraft(d, { ...d, certificate: false })).toBe(false);
    const typed = { ...d, title: { vi: 'Học vụ số'.normalize('NFD') } };
    expect(normalizeDraft(typed).title.vi).toBe('Học vụ số'.normalize('NFC'));
    expect(normalizeDraft(typed).title.vi).not.toBe(typed.title.vi);
  });
});
