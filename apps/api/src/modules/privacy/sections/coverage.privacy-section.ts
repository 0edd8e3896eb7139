import { Injectable } from '@nestjs/common';
import {
  type ConfirmerColumns,
  coverageFactsForExport,
  declarationsForExport,
  eraseCoverageNotes,
  inPersonLearningForExport,
  type Queryable,
  universalisationForExport,
} from '@hocvuso/db';
import { confirmerShownToPerson } from '@hocvuso/domain';
import { type ExportedConfirmer, isoTime, type PersonalDataSections } from '../personal-data-export';
import type { DeidentificationSubject, PrivacySection } from '../privacy-section';

/** The confirmer of a row as the export shows them (name only while the rule allows), null when none. */
function confirmer(confirmedBy: string | null, row: ConfirmerColumns): ExportedConfirmer | null {
  if (!confirmedBy) return null;
  return confirmerShownToPerson({
    displayName: row.confirmer_name,
    deidentified: row.confirmer_deidentified ?? false,
    rolesNow: row.confirmer_roles ?? [],
  });
}

/** Evidence without other people's account ids (the confirmer is shown by confirmerShownToPerson instead). */
function ownEvidence(evidence: Record<string, unknown>): Record<string, unknown> {
  const { confirmedBy: _c, recordedBy: _r, ...rest } = evidence ?? {};
  return rest;
}

/**
 * Coverage: the person's coverage facts (measure, group, the place they had then, when), digital-identity
 * declarations, universalisation confirmations with their evidence, and in-person learning records; who
 * confirmed each by name only while the privacy rule allows (confirmerShownToPerson), else by role. De-identification
 * keeps the rows (still counted, never named: they hold the account id only) and erases the helper's free-text
 * note on in-person records.
 */
@Injectable()
export class CoveragePrivacySection implements PrivacySection {
  readonly name = 'coverage';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<
    Pick<
      PersonalDataSections,
      'coverageFacts' | 'digitalIdentityDeclarations' | 'universalisationConfirmations' | 'inPersonLearning'
    >
  > {
    const [facts, declarations, confirmations, inPerson] = await Promise.all([
      coverageFactsForExport(db, userId),
      declarationsForExport(db, userId),
      universalisationForExport(db, userId),
      inPersonLearningForExport(db, userId),
    ]);
    return {
      coverageFacts: facts.map((f) => ({
        measure: f.measure,
        targetGroup: f.target_group,
        subGroups: f.sub_groups,
        placeAtTheTime: { unit: f.unit_name, organisation: f.organisation_name },
        achievedAt: isoTime(f.achieved_at),
        source: f.source,
        confirmedBy: confirmer(f.recorded_by, f),
        evidence: ownEvidence(f.evidence),
      })),
      digitalIdentityDeclarations: declarations.map((d) => ({
        kind: d.kind,
        value: d.value,
        source: d.source,
        at: isoTime(d.at),
        confirmedBy: confirmer(d.confirmed_by, d),
      })),
      universalisationConfirmations: confirmations.map((c) => ({
        id: c.id,
        targetGroup: c.target_group,
        ruleVersion: c.rule_version,
        confirmedAt: isoTime(c.confirmed_at),
        confirmedOn: c.confirmed_on,
        placeAtTheTime: { unit: c.unit_name, organisation: c.organisation_name },
        evidence: c.evidence,
      })),
      inPersonLearning: inPerson.map((r) => ({
        id: r.id,
        courseId: r.course_id,
        courseTitle: r.course_title,
        lessonId: r.lesson_id,
        learnedOn: r.learned_on,
        note: r.note,
        recordedAt: isoTime(r.recorded_at),
        confirmedBy: confirmer(r.confirmed_by, r),
      })),
    };
  }

  /** Kept: the rows stay counted (tied to the account id, never to a name); the in-person notes are erased. */
  async deidentify(tx: Queryable, subject: DeidentificationSubject): Promise<void> {
    await eraseCoverageNotes(tx, subject.userId);
  }
}
