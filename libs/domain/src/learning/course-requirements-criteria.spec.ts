import { courseRequirements } from './course-requirements';

describe('courseRequirements: the completion rule and the certificate criteria agree', () => {
  it('a course without a quiz requires every lesson and never mentions a quiz', () => {
    const r = courseRequirements([
      { key: 'a', kind: 'text' },
      { key: 'b', kind: 'checklist' },
    ]);
    expect(r.completion).toEqual({ lessons: 'all', quizzes: [] });
    expect(r.quizzes).toEqual([]);
    expect(r.criteria.vi).toBe('Hoàn thành mọi bài học của khóa học trên nền tảng Học vụ số.');
    expect(r.criteria.en).toBe('Completed every lesson of the course on the Học vụ số platform.');
    expect(`${r.criteria.vi} ${r.criteria.en}`).not.toMatch(/kiểm tra|quiz/i);
  });

  it('a studio course with a quiz requires passing it and the criteria name its pass mark', () => {
    const r = courseRequirements([
      { key: 'a', kind: 'text' },
      { key: 'kiem-tra', kind: 'quiz', passMark: 80 },
    ]);
    expect(r.completion).toEqual({ lessons: 'all', quizzes: ['kiem-tra'] });
    expect(r.quizzes).toEqual([{ key: 'kiem-tra', passMark: 80 }]);
    expect(r.criteria.vi).toContain('đạt bài kiểm tra của khóa học với số điểm tối thiểu 80%');
    expect(r.criteria.en).toContain('passed its quiz with a score of at least 80%');
  });

  it('with a stored rule, describes that rule: a quiz lesson the rule does not require is not claimed', () => {
    const outline = [
      { key: 'a', kind: 'text' },
      { key: 'practice', kind: 'quiz', passMark: 50 },
    ];
    const r = courseRequirements(outline, { lessons: ['a'], quizzes: [] });
    expect(r.quizzes).toEqual([]);
    expect(r.criteria.en).toBe('Completed the 1 required lessons of the course on the Học vụ số platform.');
  });

  it('several quizzes: each pass mark is named', () => {
    const outline = [
      { key: 'q1', kind: 'quiz', passMark: 70 },
      { key: 'q2', kind: 'quiz', passMark: 90 },
    ];
    const r = courseRequirements(outline);
    expect(r.criteria.vi).toContain('đạt cả 2 bài kiểm tra');
    expect(r.criteria.vi).toContain('70%, 90%');
    const same = courseRequirements([
      { key: 'q1', kind: 'quiz', passMark: 70 },
      { key: 'q2', kind: 'quiz', passMark: 70 },
    ]);
    expect(same.criteria.en).toContain('each with a score of at least 70%');
  });

  it('the texts are NFC', () => {
    const r = courseRequirements([{ key: 'q', kind: 'quiz', passMark: 70 }]);
    expect(r.criteria.vi).toBe(r.criteria.vi.normalize('NFC'));
  });
});
