import type { LocalizedText, TargetGroup } from '../catalog/target-groups';

/**
 * Universalisation of digital skills (phổ cập kỹ năng số, Decision 757/QĐ-BKHCN): per target group, a rule over
 * framework competencies and minimum levels (content/indicators/universalisation.yaml). A person satisfies it when
 * every requirement is covered by something they achieved: a completed course (its version's competencies and
 * levels) or a passed assessment (its quiz lesson's competencies).
 *
 * Mappings between frameworks (content/frameworks/mappings.yaml) count: a competency linked to the required one by
 * a relation the rule accepts, followed in both directions and through other frameworks (at most MAX_HOPS links),
 * covers it, so a DigComp 2.2 competency mapped to Circular 02 and from there to Decision 757 counts. A path never
 * re-enters the required competency's own framework: another competency of the same framework is a requirement of
 * its own, not evidence for this one. Levels compare as numbers; a competency given without a level counts as
 * level 1 (the lowest of every shipped framework).
 */

export interface UniversalisationRequirement {
  framework: string;
  code: string;
  minLevel: number;
  /** Not confirmed against the official appendix (see the rules file). */
  provisional: boolean;
}

export interface UniversalisationGroupRule {
  targetGroup: TargetGroup;
  provisional: boolean;
  requirements: UniversalisationRequirement[];
}

/** The rules file as imported; `version` is its content hash, which confirmations record. */
export interface UniversalisationRuleSet {
  id: string;
  name: LocalizedText;
  source: Record<string, unknown>;
  /** The mapping relations that let another framework's competency count (equivalent, related, …). */
  mappingRelations: string[];
  groups: UniversalisationGroupRule[];
}

export interface CompetencyMapping {
  fromFramework: string;
  fromCode: string;
  toFramework: string;
  toCode: string;
  relation: string;
}

/** Something a person achieved that shows competencies. `at` is an ISO timestamp (the database clock). */
export interface UniversalisationEvidence {
  kind: 'course' | 'assessment';
  courseId: string;
  courseVersionId: string | null;
  /** The quiz lesson (revision id) of an assessment. */
  lessonId: string | null;
  at: string;
  competencies: Array<{ framework: string; code: string; level: number | null }>;
}

export interface CoveredRequirement {
  /** `framework:code` of the requirement. */
  competency: string;
  minLevel: number;
  provisional: boolean;
  by: {
    kind: UniversalisationEvidence['kind'];
    courseId: string;
    courseVersionId: string | null;
    lessonId: string | null;
    at: string;
    /** `framework:code` of the competency shown. */
    competency: string;
    level: number;
    via: 'direct' | 'mapping';
  };
}

export interface UniversalisationResult {
  targetGroup: TargetGroup;
  satisfied: boolean;
  covered: CoveredRequirement[];
  /** `framework:code` of each requirement not covered, in the rule's order. */
  missing: string[];
}

export const MAX_MAPPING_HOPS = 3;

const refOf = (framework: string, code: string) => `${framework}:${code}`;

/** The competencies (`framework:code`) that count for a required one: itself and what accepted mappings reach. */
export function competenciesCounting(
  required: { framework: string; code: string },
  mappings: readonly CompetencyMapping[],
  relations: readonly string[],
): Set<string> {
  const accepted = new Set(relations);
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const m of mappings) {
    if (!accepted.has(m.relation)) continue;
    const from = refOf(m.fromFramework, m.fromCode);
    const to = refOf(m.toFramework, m.toCode);
    link(from, to);
    link(to, from);
  }
  const start = refOf(required.framework, required.code);
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < MAX_MAPPING_HOPS && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const ref of frontier)
      for (const n of neighbours.get(ref) ?? []) {
        if (seen.has(n) || n.startsWith(`${required.framework}:`)) continue;
        seen.add(n);
        next.push(n);
      }
    frontier = next;
  }
  return seen;
}

type Candidate = CoveredRequirement['by'];

/** Direct before mapped, then the higher level, then the earlier, then by course and lesson id: stable evidence. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.via !== b.via) return a.via === 'direct';
  if (a.level !== b.level) return a.level > b.level;
  if (a.at !== b.at) return a.at < b.at;
  const ka = `${a.courseId}\u0000${a.kind}\u0000${a.lessonId ?? ''}\u0000${a.competency}`;
  const kb = `${b.courseId}\u0000${b.kind}\u0000${b.lessonId ?? ''}\u0000${b.competency}`;
  return ka < kb;
}

/** Whether a person's achievements satisfy one group's rule, with the evidence for each requirement. */
export function evaluateUniversalisation(
  rule: UniversalisationGroupRule,
  mappings: readonly CompetencyMapping[],
  relations: readonly string[],
  evidence: readonly UniversalisationEvidence[],
): UniversalisationResult {
  const covered: CoveredRequirement[] = [];
  const missing: string[] = [];
  for (const req of rule.requirements) {
    const required = refOf(req.framework, req.code);
    const counting = competenciesCounting(req, mappings, relations);
    let best: Candidate | undefined;
    for (const e of evidence)
      for (const c of e.competencies) {
        const ref = refOf(c.framework, c.code);
        const level = c.level ?? 1;
        if (!counting.has(ref) || level < req.minLevel) continue;
        const candidate: Candidate = {
          kind: e.kind,
          courseId: e.courseId,
          courseVersionId: e.courseVersionId,
          lessonId: e.lessonId,
          at: e.at,
          competency: ref,
          level,
          via: ref === required ? 'direct' : 'mapping',
        };
        if (!best || better(candidate, best)) best = candidate;
      }
    if (best)
      covered.push({ competency: required, minLevel: req.minLevel, provisional: req.provisional, by: best });
    else missing.push(required);
  }
  return {
    targetGroup: rule.targetGroup,
    satisfied: rule.requirements.length > 0 && missing.length === 0,
    covered,
    missing,
  };
}
