import {
  allCompetencyMappings,
  currentUniversalisationRules,
  factPlaceOf,
  finishUniversalisationCheck,
  insertUniversalisationConfirmation,
  lockPendingUniversalisationCheck,
  noteUniversalisationCheckError,
  type Queryable,
  recordCoverageFacts,
  universalisationEvidenceOf,
} from '@hocvuso/db';
import { evaluateUniversalisation, type TargetGroup } from '@hocvuso/domain';
import type { JobOutcome, JobPayloads } from '@hocvuso/jobs';

export type TransactionalDb = Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };

/**
 * Evaluates one pending universalisation check (the outbox row the completing transaction wrote) in one
 * transaction: for each of the person's target groups that has a rule in the current version, the person's
 * completed courses and passed quizzes against it (evaluateUniversalisation); when satisfied, ONE confirmation
 * per person, group and rule version (a unique key: a replay or a second worker writes nothing) with the
 * evidence and the person's place now, and the `universalised` coverage fact for the groups confirmed; then the
 * check is done. The check's row lock makes a completing transaction that wants a new check wait for this one,
 * so nothing it wrote is missed. Errors are noted on the check and rethrown (the queue retries, the sweep too).
 */
export async function confirmUniversalisation(
  db: TransactionalDb,
  payload: JobPayloads['confirm-universalisation'],
): Promise<JobOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const check = await lockPendingUniversalisationCheck(tx, payload.checkId);
      if (!check) return 'skipped';
      const current = await currentUniversalisationRules(tx);
      if (!current) {
        await finishUniversalisationCheck(tx, check.id, 'no-rules');
        return 'done';
      }
      const place = await factPlaceOf(tx, check.user_id);
      const groups = new Set<TargetGroup>(place?.target_groups ?? []);
      const rules = current.rules.groups.filter((g) => groups.has(g.targetGroup));
      if (rules.length === 0) {
        await finishUniversalisationCheck(tx, check.id, 'no-group');
        return 'done';
      }
      const mappings = await allCompetencyMappings(tx);
      const evidence = await universalisationEvidenceOf(tx, check.user_id);
      const confirmed: Array<{ group: TargetGroup; id: string }> = [];
      for (const rule of rules) {
        const result = evaluateUniversalisation(rule, mappings, current.rules.mappingRelations, evidence);
        if (!result.satisfied) continue;
        const id = await insertUniversalisationConfirmation(tx, {
          userId: check.user_id,
          targetGroup: rule.targetGroup,
          ruleVersion: current.version,
          checkId: check.id,
          evidence: {
            ruleSet: current.rules.id,
            provisional: rule.provisional,
            covered: result.covered,
          },
        });
        if (id) confirmed.push({ group: rule.targetGroup, id });
      }
      if (confirmed.length > 0)
        await recordCoverageFacts(tx, {
          userId: check.user_id,
          measure: 'universalised',
          source: 'system',
          targetGroups: confirmed.map((c) => c.group),
          evidence: { ruleVersion: current.version, confirmations: confirmed.map((c) => c.id) },
        });
      await finishUniversalisationCheck(tx, check.id, confirmed.length > 0 ? 'confirmed' : 'not-satisfied');
      return 'done';
    });
  } catch (err) {
    await noteUniversalisationCheckError(db, payload.checkId, (err as Error).message).catch(() => undefined);
    throw err;
  }
}
