import { z } from 'zod';
import {
  cleanText,
  displayNameProblem,
  hasInvisibleOrControl,
  isContentLanguage,
  isUiLanguage,
  LANGUAGE_CODE_PATTERN,
  languageInfo,
  normalizeDisplayName,
  unsafeCharacter,
} from '@hocvuso/domain';

/** Every error response of the api has this shape. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * Languages are data (content/languages.yaml, docs/languages.md), checked against the process's registry
 * (`configureLanguages` in libs/domain) when a request is parsed. Answers carry codes of the same shape
 * ({@link languageCodeSchema}) so a client never refuses one it does not know yet.
 */
export const languageCodeSchema = z
  .string()
  .max(35)
  .regex(LANGUAGE_CODE_PATTERN, 'expected a BCP-47 language code such as "vi"');
export type Language = z.infer<typeof languageCodeSchema>;

/** A language text may be asked in (`?lang=`): any configured language; what it lacks comes in Vietnamese. */
export const languageSchema = languageCodeSchema.refine((code) => languageInfo(code) !== undefined, {
  message: 'expected a configured language (GET /api/languages)',
});
/** A language course text may be written in (`content: true` in content/languages.yaml). */
export const contentLanguageSchema = languageCodeSchema.refine(isContentLanguage, {
  message: 'expected a content language (GET /api/languages)',
});
/** A language the interface may be shown in, and a person may choose as theirs (`ui: true`). */
export const uiLanguageSchema = languageCodeSchema.refine(isUiLanguage, {
  message: 'expected an interface language (GET /api/languages)',
});

/** A text by language (any configured language), Vietnamese always present. */
export const localizedTextSchema = z.object({ vi: z.string() }).catchall(z.string());

/** A page of results; `limit` is the clamped value actually used. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  });

export const PAGE_LIMIT_DEFAULT = 12;
export const PAGE_LIMIT_MAX = 50;

/** Body of calls that take none: anything sent is refused, so a client bug shows at once. */
export const emptyBodySchema = z.strictObject({});

/**
 * A page size from a query string, clamped to 1..max (never refused, so a hand-edited URL still works); a
 * missing or unreadable value gives `dflt`.
 */
export const clampedLimit = (dflt: number, max: number) =>
  z.coerce
    .number()
    .int()
    .catch(dflt)
    .default(dflt)
    .transform((n) => Math.min(max, Math.max(1, n)));

/** A 1-based page number from a query string; an unreadable one gives the first page. */
export const clampedPage = (max: number) => z.coerce.number().int().min(1).max(max).catch(1).default(1);

// ---- shared rules for text, dates, ids and lists at the edge ---------------------------------------------

/**
 * Text a person types for others to read, stored NFC and trimmed. Single-line text (names, titles, search
 * queries) refuses control characters (NUL, ANSI escapes), line breaks, text-direction overrides and zero-width
 * characters; multi-line text (lesson bodies, reasons) allows line feeds and tabs but not the rest. The issue
 * names the field (`details[].path`), so the client shows it next to the right input.
 */
export const safeText = ({
  min = 0,
  max,
  multiline = false,
  trim = true,
}: {
  min?: number;
  max: number;
  multiline?: boolean;
  /** false keeps edge spaces (drafts saved while someone types); NFC and the character rules still apply. */
  trim?: boolean;
}) => {
  const kind = multiline ? 'multi-line' : 'single-line';
  return z
    .string()
    .transform((s) => cleanText(s, kind, trim))
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .superRefine((s, ctx) => {
          const unsafe = unsafeCharacter(s, kind);
          if (unsafe) ctx.addIssue({ code: 'custom', message: `must not contain ${unsafe}` });
        }),
    );
};

/** A display name: the one domain rule (`displayNameProblem`), so sign-up, profile and certificates agree. */
export const displayNameText = () =>
  z
    .string()
    .superRefine((s, ctx) => {
      const problem = displayNameProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((s) => normalizeDisplayName(s));

/**
 * An identifier typed by a person (e-mail, phone, code): trimmed, and refused when it holds a zero-width,
 * text-direction or control character, which would make a look-alike of someone else's.
 */
export const identifierText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => !hasInvisibleOrControl(s),
      'must not contain invisible, text-direction or control characters',
    );

/** The years Postgres `timestamptz` and JavaScript dates both hold, with room for any real record. */
export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 9999;

const inRange = (d: Date) =>
  !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= DATE_MIN_YEAR && d.getUTCFullYear() <= DATE_MAX_YEAR;

/**
 * An ISO 8601 date-time with an offset (`2026-11-05T08:00:00+07:00`) as a Date, between the years 1900 and
 * 9999; anything else is 400 (never a Postgres "date out of range" 500).
 */
export const isoDateTime = () =>
  z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .refine(inRange, `expected a date between the years ${DATE_MIN_YEAR} and ${DATE_MAX_YEAR}`);

/** The same as `isoDateTime`, kept as the ISO string (for callers that pass the text on to SQL). */
export const isoDateTimeString = () =>
  z.iso
    .datetime({ offset: true })
    .refine(
      (s) => inRange(new Date(s)),
      `expected a date between the years ${DATE_MIN_YEAR} and ${DATE_MAX_YEAR}`,
    );

/**
 * A uuid from a query string: an empty value (`?parent=`) counts as absent; anything else that is not a uuid
 * is 400.
 */
export const optionalUuid = () =>
  z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'expected an id (uuid)' }).optional());

/**
 * A list from a query string: repeated keys (`?courses=a&courses=b`), a comma list (`?courses=a,b`) or both;
 * blanks are dropped, each item is checked by `item`, at most `max` items.
 */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      (v === undefined ? [] : Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(item).max(max));

/** A boolean flag from a query string: `true`/`1` or `false`/`0`; absent is false; repeated keys are 400. */
export const queryFlag = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1');
