/** One option of a studio select (a course video or material). */
export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * The options of a select whose choice may not be in its list yet: a file the teacher just uploaded is chosen at
 * once, while the course's list of files reloads. Without an option for it the browser would show the first one
 * ("— Chưa chọn —") although the lesson holds the new file; with it, the select shows the file until the list
 * brings its real label.
 */
export function optionsKeepingChoice(
  options: readonly ChoiceOption[],
  chosen: string | null | undefined,
  pendingLabel: string,
): ChoiceOption[] {
  if (!chosen || options.some((o) => o.value === chosen)) return [...options];
  return [...options, { value: chosen, label: pendingLabel }];
}
