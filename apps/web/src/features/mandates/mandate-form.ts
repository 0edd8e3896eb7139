import type { MandateEditInput } from '@hocvuso/contracts';
import { vietnamDate } from '@hocvuso/domain';
import type { Mandate, MandateInput, UnitItem } from '../../api/access-types';
import type { OrganisationChoice } from '../../components/organisation-picker';

export interface MandateForm {
  title: string;
  description: string;
  courseIds: string[];
  unit?: UnitItem;
  /** One organisation of the chosen unit: the mandate then applies to its people only, not the whole unit. */
  organisation?: OrganisationChoice | null;
  /** '' for every target group. */
  targetGroup: NonNullable<MandateInput['targetGroup']> | '';
  dueOn: string;
  graceDays: string;
}

/** Why a mandate is edited (required by the api, kept in the audit log); only the edit form asks it. */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

export type MandateField =
  'title' | 'description' | 'courseIds' | 'unit' | 'organisation' | 'dueOn' | 'graceDays' | 'reason';
export type MandateProblem =
  | 'titleRequired'
  | 'descriptionTooLong'
  | 'coursesRequired'
  | 'unitRequired'
  | 'dueRequired'
  | 'duePast'
  | 'graceInvalid'
  | 'reasonRequired'
  | 'noChange';

/**
 * Every problem of the form, by field, in the order of the fields (for the error summary). "Due date in the past"
 * is judged on the Vietnam calendar (every mandate date is a Vietnam date), whatever the browser's time zone.
 */
export function mandateProblems(form: MandateForm, now: Date): Array<[MandateField, MandateProblem]> {
  const problems: Array<[MandateField, MandateProblem]> = [];
  problems.push(...contentProblems(form));
  if (!form.unit) problems.push(['unit', 'unitRequired']);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dueOn)) problems.push(['dueOn', 'dueRequired']);
  else if (form.dueOn < vietnamDate(now)) problems.push(['dueOn', 'duePast']);
  if (!graceOk(form.graceDays)) problems.push(['graceDays', 'graceInvalid']);
  return problems;
}

const graceOk = (text: string): boolean => {
  const grace = Number(text);
  return text.trim() === '' || (Number.isInteger(grace) && grace >= 0 && grace <= 365);
};
const graceOf = (text: string): number => (text.trim() === '' ? 0 : Number(text));

function contentProblems(form: MandateForm): Array<[MandateField, MandateProblem]> {
  const problems: Array<[MandateField, MandateProblem]> = [];
  if (form.title.trim().length < 3) problems.push(['title', 'titleRequired']);
  if (form.description.trim().length > 2000) problems.push(['description', 'descriptionTooLong']);
  if (form.courseIds.length === 0) problems.push(['courseIds', 'coursesRequired']);
  return problems;
}

/** The edit form filled from the mandate as it is (its scope is shown, not edited: the api never changes it). */
export function mandateFormOf(mandate: Mandate): MandateForm {
  return {
    title: mandate.title,
    description: mandate.description,
    courseIds: [...mandate.courseIds],
    targetGroup: (mandate.targetGroup ?? '') as MandateForm['targetGroup'],
    dueOn: mandate.dueOn,
    graceDays: String(mandate.graceDays),
  };
}

/**
 * The problems of an edit, as mandateEditSchema and checkMandateEdit judge them where the form can: the same
 * content rules as a new mandate; a due date that moves may not be before today in Vietnam (an unchanged one may,
 * the mandate is then overdue); a reason of 3–500 characters; and at least one change (400 MANDATE_NO_CHANGE).
 * What depends on who started (removing a course, shortening the deadline) only the api knows.
 */
export function mandateEditProblems(
  form: MandateForm,
  reason: string,
  mandate: Mandate,
  now: Date,
): Array<[MandateField, MandateProblem]> {
  const problems = contentProblems(form);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dueOn)) problems.push(['dueOn', 'dueRequired']);
  else if (form.dueOn !== mandate.dueOn && form.dueOn < vietnamDate(now)) problems.push(['dueOn', 'duePast']);
  if (!graceOk(form.graceDays)) problems.push(['graceDays', 'graceInvalid']);
  const r = reason.trim().length;
  if (r < REASON_MIN || r > REASON_MAX) problems.push(['reason', 'reasonRequired']);
  if (problems.length === 0 && Object.keys(toMandateEdit(form, reason, mandate)).length === 2)
    problems.push(['title', 'noChange']);
  return problems;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * PATCH /api/admin/mandates/:id: the version the form was filled from, the reason, and only the fields that
 * changed (an unchanged field is not sent, so it cannot trip a rule it does not touch).
 */
export function toMandateEdit(form: MandateForm, reason: string, mandate: Mandate): MandateEditInput {
  const edit: MandateEditInput = { version: mandate.version, reason: reason.trim().normalize('NFC') };
  const title = form.title.trim().normalize('NFC');
  if (title !== mandate.title) edit.title = title;
  const description = form.description.trim().normalize('NFC');
  if (description !== mandate.description) edit.description = description;
  if (!sameSet(form.courseIds, mandate.courseIds)) edit.courseIds = form.courseIds;
  if (form.dueOn !== mandate.dueOn) edit.dueOn = form.dueOn;
  const grace = graceOf(form.graceDays);
  if (grace !== mandate.graceDays) edit.graceDays = grace;
  return edit;
}

/** The api takes exactly one scope: the organisation when one is chosen, otherwise the unit. */
export function toMandateInput(form: MandateForm): MandateInput {
  return {
    title: form.title.trim().normalize('NFC'),
    description: form.description.trim().normalize('NFC'),
    courseIds: form.courseIds,
    unitId: form.organisation ? null : (form.unit?.id ?? null),
    organisationId: form.organisation?.id ?? null,
    targetGroup: form.targetGroup || null,
    dueOn: form.dueOn,
    graceDays: graceOf(form.graceDays),
  };
}
