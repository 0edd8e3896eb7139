import { vietnamDate } from '@hocvuso/domain';
import type { MandateInput, UnitItem } from '../../api/access-types';
import type { OrganisationChoice } from '../../components/organisation-picker';

export interface MandateForm {
  title: string;
  courseIds: string[];
  unit?: UnitItem;
  /** One organisation of the chosen unit: the mandate then applies to its people only, not the whole unit. */
  organisation?: OrganisationChoice | null;
  /** '' for every target group. */
  targetGroup: NonNullable<MandateInput['targetGroup']> | '';
  dueOn: string;
  graceDays: string;
}

export type MandateField = 'title' | 'courseIds' | 'unit' | 'organisation' | 'dueOn' | 'graceDays';
export type MandateProblem =
  'titleRequired' | 'coursesRequired' | 'unitRequired' | 'dueRequired' | 'duePast' | 'graceInvalid';

/**
 * Every problem of the form, by field, in the order of the fields (for the error summary). "Due date in the past"
 * is judged on the Vietnam calendar (every mandate date is a Vietnam date), whatever the browser's time zone.
 */
export function mandateProblems(form: MandateForm, now: Date): Array<[MandateField, MandateProblem]> {
  const problems: Array<[MandateField, MandateProblem]> = [];
  if (form.title.trim().length < 3) problems.push(['title', 'titleRequired']);
  if (form.courseIds.length === 0) problems.push(['courseIds', 'coursesRequired']);
  if (!form.unit) problems.push(['unit', 'unitRequired']);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dueOn)) problems.push(['dueOn', 'dueRequired']);
  else if (form.dueOn < vietnamDate(now)) problems.push(['dueOn', 'duePast']);
  const grace = Number(form.graceDays);
  if (form.graceDays.trim() !== '' && !(Number.isInteger(grace) && grace >= 0 && grace <= 365))
    problems.push(['graceDays', 'graceInvalid']);
  return problems;
}

/** The api takes exactly one scope: the organisation when one is chosen, otherwise the unit. */
export function toMandateInput(form: MandateForm): MandateInput {
  return {
    title: form.title.trim().normalize('NFC'),
    courseIds: form.courseIds,
    unitId: form.organisation ? null : (form.unit?.id ?? null),
    organisationId: form.organisation?.id ?? null,
    targetGroup: form.targetGroup || null,
    dueOn: form.dueOn,
    graceDays: form.graceDays.trim() === '' ? 0 : Number(form.graceDays),
  };
}
