import type { z } from 'zod';

/** One line per bad variable: its name and what it expects. */
export function formatConfigIssues(app: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `  ${name}: ${issue.message}`;
  });
  return `Invalid ${app} configuration; fix these environment variables (see .env.example):\n${lines.join('\n')}`;
}
