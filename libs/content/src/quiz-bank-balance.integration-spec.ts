import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContent } from './load-content';

const CONTENT = resolve(__dirname, '../../../content');

describe('shipped quiz banks do not give their answers away', () => {
  it('every shipped bank passes the position rule', () => {
    const result = loadContent(CONTENT);
    expect(result.issues.filter((i) => i.file.includes('/quizzes/'))).toEqual([]);
    expect(result.bundle).toBeDefined();
  });

  it('a bank with its right answers first is refused with file, field and reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvs-content-'));
    try {
      cpSync(CONTENT, dir, { recursive: true });
      const file = join(dir, 'courses/cashless-payments/quizzes/final.yaml');
      // put every right option first again, as 47 of the 50 shipped single-choice answers were
      const yaml = readFileSync(file, 'utf8').replace(
        /( {4}options:\n)((?: {6}.*\n)+)/g,
        (_m, head: string, body: string) => {
          const chunks = body.split(/(?= {6}- )/);
          return head + [...chunks.filter((c) => c.includes('correct: true')), ...chunks.filter((c) => !c.includes('correct: true'))].join('');
        },
      );
      writeFileSync(file, yaml);
      const result = loadContent(dir);
      expect(result.bundle).toBeUndefined();
      expect(result.issues).toEqual([
        expect.objectContaining({
          file: 'courses/cashless-payments/quizzes/final.yaml',
          field: 'questions',
          message: expect.stringMatching(/same position in 7 of 7 choice questions/),
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
