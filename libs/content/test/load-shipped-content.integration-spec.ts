import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatIssues, loadContent } from '../src';
import type { ContentBundle } from '@hocvuso/contracts';

const CONTENT_DIR = join(__dirname, '..', '..', '..', 'content');

interface Question {
  id: string;
  type: string;
  explanation: Record<string, string | undefined>;
}

function textFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|md|vtt)$/.test(name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

describe('the shipped content folder', () => {
  let bundle: ContentBundle;
  beforeAll(() => {
    const result = loadContent(CONTENT_DIR);
    if (!result.bundle) throw new Error(`content/ has problems:\n${formatIssues(result.issues)}`);
    bundle = result.bundle;
  });

  it('loads with zero issues', () => {
    const result = loadContent(CONTENT_DIR);
    expect(formatIssues(result.issues)).toBe('');
    expect(result.bundle).toBeDefined();
  });

  it('has the four official target groups and the three frameworks', () => {
    expect(bundle.targetGroups.filter((g) => g.kind === 'group').map((g) => g.code)).toEqual([
      'students',
      'citizens',
      'public-servants',
      'enterprise-workers',
    ]);
    expect(bundle.frameworks.map((f) => f.id).sort()).toEqual(['digcomp-2.2', 'qd757-v1', 'tt02-2025']);
    const tt02 = bundle.frameworks.find((f) => f.id === 'tt02-2025')!;
    expect(tt02.domains).toHaveLength(6);
    expect(tt02.competencies).toHaveLength(24);
    expect(tt02.levels).toHaveLength(8);
    const digcomp = bundle.frameworks.find((f) => f.id === 'digcomp-2.2')!;
    expect(digcomp.domains).toHaveLength(5);
    expect(digcomp.competencies).toHaveLength(21);
    expect(digcomp.levels).toHaveLength(8);
  });

  it('has every course, one per folder', () => {
    const folders = readdirSync(join(CONTENT_DIR, 'courses')).filter((d) =>
      statSync(join(CONTENT_DIR, 'courses', d)).isDirectory(),
    );
    expect(bundle.courses.length).toBeGreaterThanOrEqual(12);
    expect(bundle.courses.map((c) => c.id)).toEqual(
      expect.arrayContaining(['digital-transformation-for-everyone', 'digital-tools-for-production']),
    );
    expect(bundle.courses.map((c) => c.id).sort()).toEqual(folders.sort());
  });

  it('every course is in Vietnamese and English', () => {
    for (const c of bundle.courses) {
      expect({ id: c.id, languages: c.languages }).toEqual({ id: c.id, languages: ['vi', 'en'] });
      for (const l of c.lessons) {
        expect(l.title.en?.trim()).toBeTruthy();
        expect(l.bodyHtml.en?.trim()).toBeTruthy();
      }
    }
  });

  it('every course has at least 4 non-quiz lessons and a required quiz lesson', () => {
    for (const c of bundle.courses) {
      const nonQuiz = c.lessons.filter((l) => l.kind !== 'quiz');
      const quizzes = c.lessons.filter((l) => l.kind === 'quiz');
      expect({ id: c.id, nonQuiz: nonQuiz.length >= 4, quiz: quizzes.length >= 1 }).toEqual({
        id: c.id,
        nonQuiz: true,
        quiz: true,
      });
      for (const q of quizzes) expect(c.completion.quizzes).toContain(q.key);
    }
  });

  it('every quiz bank has at least 8 questions, each explained in vi and en', () => {
    for (const c of bundle.courses) {
      for (const quizLesson of c.lessons.filter((l) => l.kind === 'quiz')) {
        const quiz = quizLesson.data.quiz as { bank: string; questionsPerAttempt: number };
        const bank = c.banks.find((b) => b.key === quiz.bank);
        expect(bank).toBeDefined();
        const questions = bank!.questions as Question[];
        expect({ course: c.id, enough: questions.length >= 8 }).toEqual({ course: c.id, enough: true });
        expect(questions.length).toBeGreaterThanOrEqual(quiz.questionsPerAttempt);
        for (const q of questions) {
          expect({
            course: c.id,
            q: q.id,
            vi: !!q.explanation.vi?.trim(),
            en: !!q.explanation.en?.trim(),
          }).toEqual({
            course: c.id,
            q: q.id,
            vi: true,
            en: true,
          });
        }
      }
    }
  });

  it('every course maps to at least one competency and one target group', () => {
    const known = new Set(bundle.frameworks.flatMap((f) => f.competencies.map((c) => `${f.id}:${c.code}`)));
    for (const c of bundle.courses) {
      expect(c.competencies.length).toBeGreaterThanOrEqual(1);
      expect(c.targetGroups.length).toBeGreaterThanOrEqual(1);
      for (const comp of c.competencies) expect(known.has(`${comp.framework}:${comp.code}`)).toBe(true);
    }
  });

  it('all text is NFC, in the files and in the loaded bundle', () => {
    const notNfc = textFiles(CONTENT_DIR)
      .filter((f) => {
        const s = readFileSync(f, 'utf8');
        return s !== s.normalize('NFC');
      })
      .map((f) => relative(CONTENT_DIR, f));
    expect(notNfc).toEqual([]);
    const json = JSON.stringify(bundle);
    expect(json === json.normalize('NFC')).toBe(true);
  });
});
