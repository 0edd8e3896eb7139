/**
 * Which version of a course a learner reads, and what moving to a newer one does to their credit
 * (docs/crediting.md "Staying on a version"). The api runs the same rule in SQL on its hot paths
 * (`READ_VERSION` in libs/db learning queries); these functions decide everything else and are the reference.
 */

export interface EnrolmentVersion {
  status: string;
  /** The version the enrolment is on (null when that version no longer exists). */
  versionId: string | null;
}

/**
 * The version a learner reads: an enrolment in progress reads its own version until it completes or the
 * learner moves; a completed enrolment, a learner not enrolled, or an enrolment whose version is gone reads
 * the course's current version.
 */
export function versionRead(enrolment: EnrolmentVersion | undefined, currentVersionId: string): string {
  if (!enrolment || enrolment.status === 'completed' || !enrolment.versionId) return currentVersionId;
  return enrolment.versionId;
}

/** Whether a newer version is waiting for this learner (they are in progress on another version). */
export function isBehindCurrentVersion(
  enrolment: EnrolmentVersion | undefined,
  currentVersionId: string | null,
): boolean {
  return !!enrolment && !!currentVersionId && versionRead(enrolment, currentVersionId) !== currentVersionId;
}

/** One lesson of a version: its address for life and the revision the version holds. */
export interface VersionLesson {
  lessonId: string;
  revisionId: string;
}

/** A change the teacher marked minor at a publish: credit on `from` carries to `to`. */
export interface RevisionCarry {
  from: string;
  to: string;
}

/**
 * Whether credit on revision `from` carries to revision `to`: the same revision, or a chain of publishes each
 * marked minor leads from one to the other. One major change on the way (no carry) breaks the chain.
 */
export function creditCarries(from: string, to: string, carries: readonly RevisionCarry[]): boolean {
  if (from === to) return true;
  const next = new Map<string, string[]>();
  for (const c of carries) next.set(c.from, [...(next.get(c.from) ?? []), c.to]);
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const n of next.get(queue.shift()!) ?? []) {
      if (n === to) return true;
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return false;
}

export interface VersionMovePlan {
  /** Lessons whose revision is the same in both versions: the credit is already there. */
  same: VersionLesson[];
  /** Lessons changed only in ways marked minor: the learner's state is copied to the new revision. */
  carried: Array<{ lessonId: string; from: string; to: string }>;
  /** Lessons with a major change on the way: the credit stays on the old revision; read it again. */
  reread: Array<{ lessonId: string; from: string; to: string }>;
  /** Lessons of the new version the learner's version did not have. */
  added: VersionLesson[];
  /** Lessons of the learner's version the new one no longer has (their credit stays as history). */
  removed: VersionLesson[];
}

/** What moving from one version's lessons to another's does, lesson by lesson (in the new version's order). */
export function planVersionMove(
  from: readonly VersionLesson[],
  to: readonly VersionLesson[],
  carries: readonly RevisionCarry[],
): VersionMovePlan {
  const before = new Map(from.map((l) => [l.lessonId, l]));
  const after = new Set(to.map((l) => l.lessonId));
  const plan: VersionMovePlan = { same: [], carried: [], reread: [], added: [], removed: [] };
  for (const l of to) {
    const old = before.get(l.lessonId);
    if (!old) plan.added.push(l);
    else if (old.revisionId === l.revisionId) plan.same.push(l);
    else if (creditCarries(old.revisionId, l.revisionId, carries))
      plan.carried.push({ lessonId: l.lessonId, from: old.revisionId, to: l.revisionId });
    else plan.reread.push({ lessonId: l.lessonId, from: old.revisionId, to: l.revisionId });
  }
  plan.removed = from.filter((l) => !after.has(l.lessonId));
  return plan;
}

/**
 * The lesson that stays open after a move (its reading clock restarts): the same lesson in the new version
 * when its credit carries, else none (the stint so far is banked on the old revision first).
 */
export function openLessonAfterMove(openRevisionId: string | null, plan: VersionMovePlan): string | null {
  if (!openRevisionId) return null;
  const same = plan.same.find((l) => l.revisionId === openRevisionId);
  if (same) return same.revisionId;
  return plan.carried.find((l) => l.from === openRevisionId)?.to ?? null;
}
