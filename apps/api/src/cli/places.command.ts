import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOrganisationRows, checkUnitRows, type RowRejection } from '@hocvuso/domain';
import { type ImportReport, importOrganisations, importUnits } from '@hocvuso/db';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { PLACE_SETS, type PlaceSet } from './places';

export const readCsv = (path: string) =>
  parse(readFileSync(path, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as Array<Record<string, string>>;

/** A shipped places file that does not import cleanly: start stops and says which rows, and why. */
export class PlacesError extends Error {}

export interface PlacesLoad {
  set: PlaceSet;
  units: ImportReport;
  organisations: ImportReport | null;
}

/** The sets to load here: the fictional demo set never reaches a production database. */
export function placeSetsToLoad(
  sets: readonly PlaceSet[],
  env: string,
): { load: PlaceSet[]; skipped: PlaceSet[] } {
  const skipped = env === 'production' ? sets.filter((s) => PLACE_SETS[s].fictional) : [];
  return { load: sets.filter((s) => !skipped.includes(s)), skipped };
}

const describeRejections = (file: string, rejected: RowRejection[]) =>
  rejected
    .slice(0, 20)
    .map((r) => `  ${file} line ${r.line}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`)
    .join('\n');

/**
 * Loads the chosen sets through the same checks and upserts as the admin imports (all sets in one
 * transaction): a second start changes nothing. Any refused row stops the load (nothing is written) with a
 * PlacesError naming the file, line and reason.
 */
export async function loadPlaces(
  db: DataSource,
  contentDir: string,
  sets: readonly PlaceSet[],
): Promise<PlacesLoad[]> {
  if (sets.length === 0) return [];
  return db.transaction(async (tx) => {
    const loads: PlacesLoad[] = [];
    for (const set of sets) {
      const files = PLACE_SETS[set];
      const checked = checkUnitRows(readCsv(join(contentDir, files.units)));
      const units = await importUnits(tx, checked.rows, () => true);
      const unitProblems = [...checked.rejected, ...units.rejected];
      if (unitProblems.length > 0)
        throw new PlacesError(
          `places: ${set}: refused rows\n${describeRejections(files.units, unitProblems)}`,
        );
      let organisations: ImportReport | null = null;
      if (files.organisations) {
        const orgs = checkOrganisationRows(readCsv(join(contentDir, files.organisations)));
        organisations = await importOrganisations(tx, orgs.rows, () => true);
        const orgProblems = [...orgs.rejected, ...organisations.rejected];
        if (orgProblems.length > 0)
          throw new PlacesError(
            `places: ${set}: refused rows\n${describeRejections(files.organisations, orgProblems)}`,
          );
      }
      loads.push({ set, units, organisations });
    }
    return loads;
  });
}

const counts = (r: ImportReport) => `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`;

export function describePlaces(loads: PlacesLoad[], skipped: PlaceSet[]): string {
  const lines = loads.map(
    (l) =>
      `places: ${l.set}: units ${counts(l.units)}${l.organisations ? `; organisations ${counts(l.organisations)}` : ''}`,
  );
  if (skipped.length > 0) lines.push(`places: ${skipped.join(', ')} skipped in production (fictional data)`);
  if (lines.length === 0) lines.push('places: none chosen (PLACES=none)');
  return lines.join('\n');
}
