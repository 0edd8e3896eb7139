import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The transaction guard marks transactions opened with `transaction()`; a query runner opened by hand and
 * `startTransaction()` on it would hold locks unseen. So the server code opens transactions only through
 * `transaction()`, and only libs/db touches query runners.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DIRS = ['apps/api/src', 'apps/worker/src', 'libs'];
const ALLOWED = new Set(['libs/db/src/transaction-guard.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'test') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

describe('transaction discipline', () => {
  it('no server code opens a query runner or starts a transaction by hand', () => {
    const offenders = DIRS.flatMap((d) => sources(join(ROOT, d)))
      .map((p) => [relative(ROOT, p), readFileSync(p, 'utf8')] as const)
      .filter(([p, text]) => !ALLOWED.has(p) && /\bcreateQueryRunner\s*\(|\.startTransaction\s*\(/.test(text))
      .map(([p]) => p);
    expect(offenders).toEqual([]);
  });

  it('would notice one', () => {
    expect(
      /\bcreateQueryRunner\s*\(|\.startTransaction\s*\(/.test('const qr = db.createQueryRunner();'),
    ).toBe(true);
  });
});
