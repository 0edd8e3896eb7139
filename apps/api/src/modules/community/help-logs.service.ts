import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HelpLog, HelpLogInput, HelpRollup, HelpRollupQuery } from '@hocvuso/contracts';
import { type HelpOutcome, isUuid, PUBLIC_SERVICES, scopeFor, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  currentUnit,
  type HelpLogRow,
  helpRollup,
  type HelpRollupRow,
  insertHelpLog,
  isAfterVietnamToday,
  placementOf,
  isBeforeVietnamDaysAgo,
  recentHelpLogsOf,
  unitForRollup,
  unitIdByPath,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { requireCapability, requireReach } from '../../common/guards/require-capability';

/** How far back an officer may log help (a week's notes typed in on Monday, not last year's). */
const PAST_LIMIT_DAYS = 31;

/** Help given by public-service help officers, and its rollup by unit (docs/help-officers.md). */
@Injectable()
export class HelpLogsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  services() {
    return { items: PUBLIC_SERVICES.map((s) => ({ id: s.id, name: { vi: s.vi, en: s.en } })) };
  }

  async log(
    user: AuthUser,
    input: HelpLogInput & { personId: string | null; people: number },
  ): Promise<HelpLog> {
    requireCapability(user, 'help.log', 'This needs a help officer.');
    const unit = await currentUnit(this.db, input.unitId);
    if (!unit) throw notFound('unit');
    requireReach(user, 'help.log', { unitPath: unit.path, organisationId: null }, () => notFound('unit'));
    if (input.personId !== null) {
      const p = isUuid(input.personId) ? await placementOf(this.db, input.personId) : undefined;
      // A person outside the officer's area is refused like one who does not exist.
      requireReach(
        user,
        'help.log',
        p?.unit_path ? { unitPath: p.unit_path, organisationId: null } : null,
        () => notFound('learner'),
      );
    }
    if (await isAfterVietnamToday(this.db, input.on))
      throw new ValidationError('DATE_IN_FUTURE', 'The date of the help cannot be after today.', {
        path: ['on'],
      });
    if (await isBeforeVietnamDaysAgo(this.db, input.on, PAST_LIMIT_DAYS))
      throw new ValidationError('DATE_TOO_OLD', `Help is logged within ${PAST_LIMIT_DAYS} days.`, {
        path: ['on'],
      });
    return this.db.transaction(async (tx) => {
      const { row, created } = await insertHelpLog(tx, {
        unitId: unit.id,
        unitPath: unit.path,
        officerId: user.id,
        personId: input.personId,
        people: input.people,
        service: input.service,
        outcome: input.outcome,
        helpedOn: input.on,
        idempotencyKey: input.idempotencyKey,
      });
      if (created)
        await appendAudit(tx, {
          actor: user.id,
          action: 'community.help.log',
          subjectType: 'help_log',
          subjectId: row.id,
          after: { unitId: row.unit_id, people: row.people, service: row.service, outcome: row.outcome },
        });
      return { ...logView(row), created };
    });
  }

  async mine(user: AuthUser): Promise<{ items: Omit<HelpLog, 'created'>[] }> {
    requireCapability(user, 'help.log', 'This needs a help officer.');
    return { items: (await recentHelpLogsOf(this.db, user.id, 10)).map(logView) };
  }

  /** Counts below a unit the reader reaches with report.read (default: the first unit of their grants). */
  async rollup(user: AuthUser, q: HelpRollupQuery): Promise<HelpRollup> {
    requireCapability(user, 'report.read', 'This needs a report reader.');
    const unitId = q.unitId ?? (await this.defaultUnit(user));
    const unit = unitId && isUuid(unitId) ? await unitForRollup(this.db, unitId) : undefined;
    if (!unit) throw notFound('unit');
    requireReach(user, 'report.read', { unitPath: unit.path, organisationId: null }, () => notFound('unit'));
    const rows = await helpRollup(this.db, unit, { from: q.from, to: q.to });
    const children = new Map<string, { id: string; name: string; level: string; rows: HelpRollupRow[] }>();
    for (const r of rows)
      if (r.unit_id)
        children
          .set(
            r.unit_id,
            children.get(r.unit_id) ?? { id: r.unit_id, name: r.unit_name!, level: r.unit_level!, rows: [] },
          )
          .get(r.unit_id)!
          .rows.push(r);
    return {
      unit: { id: unit.id, name: unit.name, level: unit.level },
      from: q.from,
      to: q.to,
      total: counts(rows.filter((r) => r.unit_id === null)),
      children: [...children.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
        .map((c) => ({ unitId: c.id, unitName: c.name, unitLevel: c.level, ...counts(c.rows) })),
    };
  }

  private async defaultUnit(user: AuthUser): Promise<string | undefined> {
    const path = scopeFor(user.grants, 'report.read').unitPaths[0];
    return path ? unitIdByPath(this.db, path) : undefined;
  }
}

function logView(row: HelpLogRow): Omit<HelpLog, 'created'> {
  return {
    id: row.id,
    unitId: row.unit_id,
    personId: row.person_id,
    people: row.people,
    service: row.service,
    outcome: row.outcome as HelpOutcome,
    on: row.helped_on,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

function counts(rows: readonly HelpRollupRow[]): HelpRollup['total'] {
  const byOutcome = { done: 0, guided: 0, referred: 0 };
  const byService = new Map<string, number>();
  let people = 0;
  let logs = 0;
  for (const r of rows) {
    people += r.people;
    logs += r.logs;
    byOutcome[r.outcome as HelpOutcome] += r.people;
    byService.set(r.service, (byService.get(r.service) ?? 0) + r.people);
  }
  return {
    people,
    logs,
    byOutcome,
    byService: [...byService.entries()]
      .map(([service, n]) => ({ service, people: n }))
      .sort((a, b) => b.people - a.people),
  };
}
