import { writeFileSync } from 'node:fs';
import { insertLearnerAccount, insertSession } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../modules/auth/password-hasher';
import { randomToken, sha256 } from '../modules/auth/tokens';

/**
 * `npm run bench` only: `count` learner accounts made as sign-up makes them (insertLearnerAccount, one argon2 hash
 * of a random password shared by all, so seeding does not take an argon2 hash each) with one live session each,
 * as sign-in makes it. Writes `[{ id, token }]` to `file` (mode 0600): the bench signs each token into a
 * session cookie. Refuses unless HVS_BENCH_SEED=yes, so an operator cannot run it by mistake.
 */
export async function seedBenchLearners(
  db: DataSource,
  allowed: boolean,
  count: number,
  file: string,
): Promise<string> {
  if (!allowed) throw new Error('bench:learners runs only for the benchmark (HVS_BENCH_SEED=yes)');
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new Error('bench:learners: the count must be a whole number from 1 to 100000');
  const passwordHash = await hashPassword(randomToken());
  const stamp = Date.now().toString(36);
  const out = await db.transaction(async (tx) => {
    const made: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < count; i++) {
      const id = await insertLearnerAccount(tx, {
        displayName: `Học viên thử tải ${i + 1}`,
        email: `bench-${stamp}-${i + 1}@bench.hocvuso.example`,
        passwordHash,
      });
      if (!id) throw new Error('bench:learners: an account with that e-mail already exists');
      const token = randomToken();
      await insertSession(tx, {
        userId: id,
        tokenHash: sha256(token),
        userAgent: 'bench',
        ttlDays: 1,
        authMethod: 'password',
      });
      made.push({ id, token });
    }
    return made;
  });
  writeFileSync(file, JSON.stringify(out), { mode: 0o600 });
  return `bench: ${out.length} learners with a session each, written to ${file}`;
}
