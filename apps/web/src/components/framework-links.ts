/**
 * The addresses around a skills framework. The catalogue reads `competency=framework:code` from its address
 * (features/catalogue/catalogue-query.ts) and sends it to GET /api/courses?competency=.
 */
export const frameworkPath = (framework: string, code?: string): string =>
  `/frameworks/${encodeURIComponent(framework)}${code ? `#${encodeURIComponent(code)}` : ''}`;

/** The catalogue listing the courses that teach one competency of a framework. */
export const competencyCataloguePath = (framework: string, code: string): string =>
  `/?${new URLSearchParams({ competency: `${framework}:${code}` }).toString()}`;
