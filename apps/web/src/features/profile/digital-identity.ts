import type { DigitalIdentity, DigitalIdentityInput } from '@hocvuso/contracts';

/** The two things a person declares, in the order the page asks them. */
export const DECLARATION_KEYS = ['vneidLevel2', 'bankAccount'] as const satisfies ReadonlyArray<
  keyof DigitalIdentityInput
>;
export type DeclarationKey = (typeof DECLARATION_KEYS)[number];

/** '' until the person picks an answer (the api needs both, so the form asks both). */
export type Answer = 'yes' | 'no' | '';
export type DigitalIdentityForm = Record<DeclarationKey, Answer>;
export type DigitalIdentityProblem = 'answerRequired';

/**
 * How one declaration stands, for the words beside it: never answered, or yes/no and who said so (the person,
 * or a helper who saw it face to face).
 */
export type DeclarationState = 'none' | 'selfYes' | 'selfNo' | 'helperYes' | 'helperNo';

export function declarationState(d: DigitalIdentity[DeclarationKey]): DeclarationState {
  if (!d) return 'none';
  if (d.source === 'helper') return d.value ? 'helperYes' : 'helperNo';
  return d.value ? 'selfYes' : 'selfNo';
}

/** The form as the saved declarations fill it (an answer never given stays unpicked). */
export function digitalIdentityForm(current: DigitalIdentity): DigitalIdentityForm {
  const answer = (d: DigitalIdentity[DeclarationKey]): Answer => (d ? (d.value ? 'yes' : 'no') : '');
  return { vneidLevel2: answer(current.vneidLevel2), bankAccount: answer(current.bankAccount) };
}

/** Each question left unanswered (PUT /api/me/digital-identity takes both booleans, no more, no less). */
export function digitalIdentityProblems(
  form: DigitalIdentityForm,
): Array<[DeclarationKey, DigitalIdentityProblem]> {
  return DECLARATION_KEYS.filter((key) => form[key] === '').map((key) => [key, 'answerRequired']);
}

/** The body of the PUT; call it only when `digitalIdentityProblems` found nothing. */
export function toDigitalIdentityInput(form: DigitalIdentityForm): DigitalIdentityInput {
  return { vneidLevel2: form.vneidLevel2 === 'yes', bankAccount: form.bankAccount === 'yes' };
}

/** Whether saving the form would change anything the person has already declared or a helper confirmed. */
export function changesDeclarations(form: DigitalIdentityForm, current: DigitalIdentity): boolean {
  const saved = digitalIdentityForm(current);
  return DECLARATION_KEYS.some((key) => form[key] !== saved[key]);
}

/**
 * Withdrawing a "yes" the person declared themself: the same PUT with that answer "no" and the other as it is.
 * Only a self-declared "yes" is withdrawn here (a person who declared once has both answers saved); a helper's
 * confirmation is changed by answering the form again. Undefined when there is nothing to withdraw.
 */
export function withdrawal(current: DigitalIdentity, key: DeclarationKey): DigitalIdentityInput | undefined {
  if (declarationState(current[key]) !== 'selfYes') return undefined;
  const other = DECLARATION_KEYS.find((k) => k !== key) as DeclarationKey;
  const otherValue = current[other];
  if (!otherValue) return undefined;
  return { [key]: false, [other]: otherValue.value } as DigitalIdentityInput;
}
