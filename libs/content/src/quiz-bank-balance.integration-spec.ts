import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadContent } from './load-content';

const CONTENT = resolve(__dirname, '../../../content');
const BANK = 'courses/cashless-payments/quizzes/final.yaml';
const QUIZ_LESSON = 'courses/cashless-payments/lessons/final-quiz.vi.md';

/** A copy of the shipped content folder to damage, removed afterwards. */
function withCopy(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-content-'));
  try {
    cpSync(CONTENT, dir, { recursive: true });
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rewrites every options list of a bank file, chunk by chunk (one chunk per option). */
function rewriteOptions(file: string, reorder: (chunks: string[]) => string[]): void {
  const yaml = readFileSync(file, 'utf8').replace(
    /( {4}options:\n)((?: {6}.*\n)+)/g,
    (_m, head: string, body: string) => head + reorder(body.split(/(?= {6}- )/)).join(''),
  );
  writeFileSync(file, yaml);
}

describe('shipped quiz banks do not give their answers away', () => {
  const shippedBanks = (): Array<{ course: string; questions: number; draw: number }> => {
    // every shipped course folder, so a new course is held to the same rules without editing this list
    const courses = readdirSync(join(CONTENT, 'courses'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    return courses.map((course) => {
      const bank = parse(readFileSync(join(CONTENT, 'courses', course, 'quizzes/final.yaml'), 'utf8')) as {
        questions: unknown[];
      };
      const draw = /questionsPerAttempt: (\d+)/.exec(
        readFileSync(join(CONTENT, 'courses', course, 'lessons/final-quiz.vi.md'), 'utf8'),
      )![1]!;
      return { course, questions: bank.questions.length, draw: Number(draw) };
    });
  };

  it('every shipped bank passes the position, length and size rules, as content:import loads it', () => {
    const result = loadContent(CONTENT, { shipped: true });
    expect(result.issues).toEqual([]);
    expect(result.bundle).toBeDefined();
    for (const bank of shippedBanks()) expect(bank.questions).toBeGreaterThanOrEqual(2 * bank.draw);
  });

  it('no shipped bank has its right answer as the longest option in more than 40% of choice questions, in any language', () => {
    for (const { course } of shippedBanks()) {
      const bank = parse(readFileSync(join(CONTENT, 'courses', course, 'quizzes/final.yaml'), 'utf8')) as {
        questions: Array<{
          type: string;
          options?: Array<{ text: Record<string, string>; correct?: boolean }>;
        }>;
      };
      const choice = bank.questions.filter((q) => q.type === 'single' || q.type === 'multiple');
      for (const lang of ['vi', 'en']) {
        const longest = choice.filter((q) => {
          const len = (o: { text: Record<string, string> }) => [...o.text[lang]!].length;
          const right = q.options!.filter((o) => o.correct === true).map(len);
          const wrong = q.options!.filter((o) => o.correct !== true).map(len);
          return Math.min(...right) > Math.max(...wrong);
        }).length;
        expect({ course, lang, share: longest / choice.length <= 0.4 }).toEqual({
          course,
          lang,
          share: true,
        });
      }
    }
  });

  it('a bank with its right answers first is refused with file, field and reason', () => {
    withCopy((dir) => {
      // put every right option first again, as 47 of the 50 shipped single-choice answers once were
      rewriteOptions(join(dir, BANK), (chunks) => [
        ...chunks.filter((c) => c.includes('correct: true')),
        ...chunks.filter((c) => !c.includes('correct: true')),
      ]);
      const result = loadContent(dir);
      expect(result.bundle).toBeUndefined();
      // The refused course's bank is the only problem; a plan naming the course in a required set says so too.
      expect(result.issues.filter((i) => !i.file.startsWith('indicators/'))).toEqual([
        expect.objectContaining({
          file: BANK,
          field: 'questions',
          message: expect.stringMatching(/same position in 12 of 12 choice questions/),
        }),
      ]);
    });
  });

  it('a bank whose right answer is always the longest option is refused, position kept varied', () => {
    withCopy((dir) => {
      // every wrong option becomes a two-word stub: the right one is now the longest everywhere
      const file = join(dir, BANK);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /^( {8}text: \{ vi: )(.*), en: (.*) \}\n(?! {8}correct: true)/gm,
          (_m, head: string) => `${head}"Không rõ", en: "Not sure" }\n`,
        ),
      );
      const result = loadContent(dir);
      expect(result.bundle).toBeUndefined();
      expect(result.issues.filter((i) => !i.file.startsWith('indicators/'))).toEqual([
        expect.objectContaining({
          file: BANK,
          field: 'questions',
          message: expect.stringMatching(/longest option in 12 of 12 choice questions/),
        }),
      ]);
    });
  });

  it('a bank whose right answer is the longest only in English is refused too, naming the language', () => {
    withCopy((dir) => {
      const file = join(dir, BANK);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /^( {8}text: \{ vi: .*, en: )(.*) \}\n(?! {8}correct: true)/gm,
          (_m, head: string) => `${head}"No" }\n`,
        ),
      );
      const result = loadContent(dir);
      expect(result.bundle).toBeUndefined();
      expect(result.issues.filter((i) => !i.file.startsWith('indicators/'))).toEqual([
        expect.objectContaining({
          file: BANK,
          field: 'questions',
          message: expect.stringMatching(/longest option in 12 of 12 choice questions .*\(in "en"\)/),
        }),
      ]);
    });
  });

  it('a shipped bank smaller than twice the draw is refused; the lesson is named', () => {
    withCopy((dir) => {
      // 16 questions and a draw of 9: a retake would see mostly the same questions
      const lesson = join(dir, QUIZ_LESSON);
      writeFileSync(
        lesson,
        readFileSync(lesson, 'utf8').replace('questionsPerAttempt: 8', 'questionsPerAttempt: 9'),
      );
      const result = loadContent(dir, { shipped: true });
      expect(result.bundle).toBeUndefined();
      expect(result.issues.filter((i) => !i.file.startsWith('indicators/'))).toEqual([
        expect.objectContaining({
          file: BANK,
          field: 'questions',
          message: expect.stringMatching(
            /the bank has 16 questions; 18 are needed \(twice the 9 drawn per attempt\).*lesson "final-quiz"/,
          ),
        }),
      ]);
    });
  });

  it('a shipped bank cut back to 10 questions is refused for a draw of 8', () => {
    withCopy((dir) => {
      const file = join(dir, BANK);
      const yaml = readFileSync(file, 'utf8');
      writeFileSync(file, yaml.slice(0, yaml.indexOf('\n  - id: q11\n') + 1));
      const result = loadContent(dir, { shipped: true });
      expect(result.bundle).toBeUndefined();
      expect(result.issues.filter((i) => !i.file.startsWith('indicators/'))).toEqual([
        expect.objectContaining({
          file: BANK,
          field: 'questions',
          message: expect.stringMatching(/has 10 questions; 16 are needed/),
        }),
      ]);
    });
  });
});
