import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkRosterRows, scopeFilter, ValidationError } from '@hocvuso/domain';
import { appendAudit, applyRoster } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { transactionOrDryRun } from '../../common/db/dry-run';
import { requireAdmin } from './access-common';

/** Bulk enrolment from a roster CSV. */
@Injectable()
export class RosterService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Enrols a roster: every row is checked (domain rules), placed in the admin's scope, matched or created, and
   * enrolled in the courses, in one transaction. The report lists each line as created, matched or rejected.
   */
  async roster(user: AuthUser, records: Array<Record<string, string>>, courseIds: string[], dryRun: boolean) {
    requireAdmin(user);
    const known = await this.db.query(`SELECT id FROM courses WHERE id = ANY ($1::text[]) AND published`, [
      courseIds,
    ]);
    const missing = courseIds.filter((c) => !known.some((k: { id: string }) => k.id === c));
    if (courseIds.length === 0 || missing.length)
      throw new ValidationError(
        'COURSE_NOT_FOUND',
        `Choose published courses; unknown: ${missing.join(', ') || '(none given)'}.`,
        { missing },
      );
    const { rows, rejected } = checkRosterRows(records);
    const scope = scopeFilter(user.grants);
    const outcomes = await transactionOrDryRun(this.db, dryRun, async (tx) => {
      const applied = rows.length ? await applyRoster(tx, rows, courseIds, scope) : [];
      await appendAudit(tx, {
        actor: user.id,
        action: 'roster.import',
        subjectType: 'roster',
        subjectId: courseIds.join(','),
        after: { rows: records.length, dryRun },
      });
      return applied;
    });
    const all = [
      ...outcomes,
      ...rejected.map((r) => ({ line: r.line, status: 'rejected' as const, errors: r.errors })),
    ].sort((a, b) => a.line - b.line);
    return {
      dryRun,
      created: all.filter((r) => r.status === 'created').length,
      matched: all.filter((r) => r.status === 'matched').length,
      rejected: all.filter((r) => r.status === 'rejected').length,
      rows: all,
    };
  }
}
