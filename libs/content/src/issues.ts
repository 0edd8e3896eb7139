/** One problem in the content folder: which file, which field, and what was expected. */
export interface ContentIssue {
  file: string;
  field: string;
  message: string;
}

export class ContentValidationError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(`${issues.length} problem(s) in the content folder:\n${formatIssues(issues)}`);
    this.name = 'ContentValidationError';
  }
}

export function formatIssues(issues: ContentIssue[]): string {
  return issues.map((i) => `  ${i.file}${i.field ? ` › ${i.field}` : ''}: ${i.message}`).join('\n');
}

/** Collects issues while walking the folder, so every problem is reported at once. */
export class IssueList {
  readonly items: ContentIssue[] = [];
  add(file: string, field: string, message: string): void {
    this.items.push({ file, field, message });
  }
  get count(): number {
    return this.items.length;
  }
}
