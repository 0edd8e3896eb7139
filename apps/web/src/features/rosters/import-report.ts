import type { DirectoryImportReport, RosterReport } from '../../api/access-types';

export type ImportKind = 'units' | 'organisations' | 'roster';

export const IMPORT_COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  units: {
    required: ['code', 'level', 'name', 'parent_code', 'valid_from'],
    optional: ['valid_to', 'successor_codes'],
  },
  organisations: { required: ['code', 'name', 'kind', 'unit_code'], optional: ['parent_code'] },
  roster: {
    required: ['name', 'email', 'phone', 'target_group'],
    optional: ['organisation_code', 'unit_code', 'sub_groups', 'language'],
  },
};

export type CountKey = 'created' | 'updated' | 'unchanged' | 'invited' | 'matched' | 'rejected';

export interface RejectedLine {
  line: number;
  key?: string;
  field: string;
  message: string;
}

export type InvitationKey = 'email' | 'code' | 'notification';

/** A one-time sign-in code to hand over, by the line of the file it belongs to. */
export interface SignInCodeLine {
  line: number;
  code: string;
  expiresAt: string;
}

/**
 * Either report, in one shape for the page: the counts to show, one row per problem of a rejected line, and
 * for a roster how people were (or would be) invited and the sign-in codes to hand over.
 */
export interface ImportSummary {
  dryRun: boolean;
  counts: Array<[CountKey, number]>;
  rejected: RejectedLine[];
  invitations?: Array<[InvitationKey, number]>;
  codes?: SignInCodeLine[];
}

export function summariseImport(
  kind: ImportKind,
  report: DirectoryImportReport | RosterReport,
): ImportSummary {
  if (kind === 'roster') {
    const r = report as RosterReport;
    const rejected = r.rows
      .filter((row) => row.status === 'rejected')
      .flatMap((row) =>
        (row.errors?.length ? row.errors : [{ field: '', message: '' }]).map((e) => ({
          line: row.line,
          ...e,
        })),
      );
    return {
      dryRun: r.dryRun,
      counts: [
        ['created', r.created],
        ['invited', r.invited],
        ['matched', r.matched],
        ['rejected', r.rejected],
      ],
      rejected,
      invitations: [
        ['email', r.channels.email],
        ['code', r.channels.code],
        ['notification', r.channels.notification],
      ],
      codes: r.rows.flatMap((row) => (row.signInCode ? [{ line: row.line, ...row.signInCode }] : [])),
    };
  }
  const r = report as DirectoryImportReport;
  return {
    dryRun: r.dryRun,
    counts: [
      ['created', r.created],
      ['updated', r.updated],
      ['unchanged', r.unchanged],
      ['rejected', r.rejected.length],
    ],
    rejected: r.rejected.flatMap((row) => row.errors.map((e) => ({ line: row.line, key: row.key, ...e }))),
  };
}

/** Files larger than this are refused before upload (the api's own limit). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
