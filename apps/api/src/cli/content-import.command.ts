import { resolve } from 'node:path';
import { ContentValidationError, loadContent } from '@hocvuso/content';
import { type ImportStats, importContentBundle } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { makeContentRenditions, type RenditionStats } from '../modules/media/content-renditions';

/**
 * Validates the whole content folder first; only a folder without a single problem is written, in one
 * transaction. Throws ContentValidationError listing every problem otherwise.
 */
export async function importContent(
  db: DataSource,
  dir: string,
): Promise<ImportStats & { renditions: RenditionStats }> {
  // the folder imported is what learners get: hold its quiz banks to every rule, bank size included
  const { bundle, issues } = loadContent(resolve(dir), { shipped: true });
  if (!bundle) throw new ContentValidationError(issues);
  const stats = await db.transaction((tx) => importContentBundle(tx, bundle));
  // small copies of the images for low-data mode, made once here, never per request (docs/low-data.md)
  return { ...stats, renditions: await makeContentRenditions(resolve(dir)) };
}

export function describeImport(stats: ImportStats & { renditions?: RenditionStats }): string {
  const total = stats.coursesCreated.length + stats.coursesNewVersion.length + stats.coursesUnchanged.length;
  return [
    `content: ${total} course(s): ${stats.coursesCreated.length} created, ${stats.coursesNewVersion.length} new version, ${stats.coursesUnchanged.length} unchanged`,
    `content: ${stats.frameworksChanged} framework(s), ${stats.targetGroupsChanged} target group(s), ${stats.mappingsChanged} mapping(s) changed`,
    `content: ${stats.plansChanged} coverage plan(s) changed, ${stats.plansRetired} retired`,
    ...(stats.placementTestsChanged === undefined
      ? []
      : [`content: ${stats.placementTestsChanged} placement test(s) changed`]),
    ...(stats.renditions
      ? [
          `content: ${stats.renditions.made.length} small image(s) made, ${stats.renditions.upToDate} up to date`,
          ...stats.renditions.refused.map((r) => `content: image not resized: ${r}`),
        ]
      : []),
  ].join('\n');
}
