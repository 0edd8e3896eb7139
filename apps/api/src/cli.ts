import 'reflect-metadata';
import {
  CourseSourceConflictError,
  createDataSource,
  dataSourceOptions,
  foldCoverage,
  reconcileCoverage,
  startManualReconcileRun,
  statusListsOfIssuer,
} from '@hocvuso/db';
import { ContentValidationError } from '@hocvuso/content';
import { describeImport, importContent } from './cli/content-import.command';
import { demoAccounts, seedDemoAccounts } from './cli/seed-demo.command';
import { describePlaces, loadPlaces, PlacesError, placeSetsToLoad } from './cli/places.command';
import { seedBenchLearners } from './cli/bench-learners.command';
import { moveIssuerUrlCommand, retryFailedCertificatesCommand } from './cli/certificates.command';
import { ConfigError, loadApiConfig } from './config/api.config';
import { ensureIssuerKey, rotateIssuerKey, signStatusList } from '@hocvuso/issuance';
import { loadCliConfig } from './config/cli.config';
import { CourseExportError, exportCourseCommand } from './cli/course-export.command';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import { isDomainError } from '@hocvuso/domain';
import { indexAssistantPassages } from './modules/assistant/assistant-index';
import { describeEval, loadAssistantEvalSet, runAssistantEval } from './modules/assistant/assistant-eval';
import { answerQuestion } from './modules/assistant/assistant.service';
import { join } from 'node:path';

const USAGE = `usage: cli <command>
  migration:run     apply pending migrations
  content:import    validate content/ and import it (idempotent)
  places:load       load the place sets PLACES names (default demo; idempotent)
  seed:demo         create the demo accounts once (never in production)
  prepare           all four, in that order (what npm start runs)
  issuer:rotate-key retire the signing key of PUBLIC_URL's did:web and make a new one (old keys keep verifying)
  issuer:move-url   the platform moved: make the new PUBLIC_URL's did:web the issuer (old credentials keep verifying)
  certificates:retry-failed  re-run the certificate requests that failed for good, once the cause is fixed
  coverage:fold [batch]      fold the pending coverage facts and registrations into the rollups now (as the worker)
  coverage:reconcile         recount the coverage rollups now, record and repair any drift (as the nightly job)
  bench:learners <n> <file>  npm run bench only (HVS_BENCH_SEED=yes): n learners with a session each
  course:export <id> <folder> [draft|published]  write a course as a content/courses/<id>/ folder (docs/course-export.md)
  assistant:reindex          rebuild the assistant's index of published lessons from scratch (docs/assistant.md)
  assistant:eval [file]      ask the question set (content/assistant-eval.yaml) and print hit@3, groundedness, fallbacks`;

/** Storage from the api's configuration, read only when a studio course's materials are needed. */
function lazyStorage(): ObjectStorage {
  let storage: ObjectStorage | undefined;
  const get = () => (storage ??= createStorage(loadApiConfig().storage));
  return {
    put: (key, body, type) => get().put(key, body, type),
    get: (key) => get().get(key),
    exists: (key) => get().exists(key),
    delete: (key) => get().delete(key),
    putFile: (key, path, type, sha256) => get().putFile(key, path, type, sha256),
    size: (key) => get().size(key),
    read: (key, range) => get().read(key, range),
  };
}

async function main(command: string | undefined): Promise<number> {
  if (
    !command ||
    ![
      'migration:run',
      'content:import',
      'places:load',
      'seed:demo',
      'prepare',
      'issuer:rotate-key',
      'issuer:move-url',
      'certificates:retry-failed',
      'coverage:fold',
      'coverage:reconcile',
      'bench:learners',
      'course:export',
      'assistant:reindex',
      'assistant:eval',
    ].includes(command)
  ) {
    console.error(USAGE);
    return 64;
  }
  const config = loadCliConfig();
  const db = await createDataSource(dataSourceOptions(config.databaseUrl, {}, config.db), {
    mode: config.db.transactionGuard,
  }).initialize();
  try {
    if (command === 'issuer:rotate-key') {
      const settings = loadApiConfig().issuer;
      const keyId = await db.transaction(async (tx) => {
        const id = await rotateIssuerKey(tx, settings);
        // Re-sign the DID's status lists with the new key, so the lists and new credentials share one key.
        const issuer = await ensureIssuerKey(tx, settings);
        for (const l of await statusListsOfIssuer(tx, issuer.did)) {
          await signStatusList(tx, settings, issuer, l.id, l.purpose, l.encoded_list);
        }
        return id;
      });
      console.log(`issuer: new active key ${keyId}`);
    }
    if (command === 'issuer:move-url') console.log(await moveIssuerUrlCommand(db, loadApiConfig().issuer));
    if (command === 'certificates:retry-failed') console.log(await retryFailedCertificatesCommand(db));
    if (command === 'coverage:fold') {
      const batchSize = Number(process.argv[3] ?? 2000);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) {
        console.error('coverage:fold: the batch size must be a whole number from 1 to 1000000');
        return 64;
      }
      const folded = await foldCoverage(db, { batchSize });
      console.log(`coverage: folded ${folded.facts} facts and ${folded.registrations} registration changes`);
    }
    if (command === 'course:export') {
      try {
        console.log(
          await exportCourseCommand(db, lazyStorage(), config.contentDir, {
            courseId: process.argv[3],
            folder: process.argv[4],
            of: process.argv[5],
          }),
        );
      } catch (e) {
        if (e instanceof CourseExportError || isDomainError(e)) {
          console.error(e.message);
          return 1;
        }
        throw e;
      }
    }
    if (command === 'coverage:reconcile') {
      const s = await reconcileCoverage(db, await startManualReconcileRun(db));
      console.log(
        `coverage: run ${s.runId} checked ${s.keysChecked} keys; drift: ${s.rollupDrift} rollup rows, ${s.registeredDrift} registered counts, ${s.totalsDrift} totals (repaired)`,
      );
    }
    if (command === 'bench:learners')
      console.log(
        await seedBenchLearners(db, config.benchSeed, Number(process.argv[3]), String(process.argv[4])),
      );
    if (command === 'migration:run' || command === 'prepare') {
      const ran = await db.runMigrations({ transaction: 'each' });
      console.log(
        `migrations: ${ran.length} applied${ran.length ? ` (${ran.map((m) => m.name).join(', ')})` : ''}`,
      );
    }
    if (command === 'content:import' || command === 'prepare') {
      const started = Date.now();
      console.log(describeImport(await importContent(db, config.contentDir)));
      console.log(`content: imported in ${Date.now() - started} ms`);
      // What was just published is what the assistant may quote (lessons already indexed are skipped).
      const indexed = await indexAssistantPassages(db);
      console.log(
        `assistant: ${indexed.revisions} lesson revision(s) indexed, ${indexed.passages} passage(s)`,
      );
    }
    if (command === 'assistant:eval') {
      const set = loadAssistantEvalSet(process.argv[3] ?? join(config.contentDir, 'assistant-eval.yaml'));
      console.log(describeEval(await runAssistantEval(db, set, (request) => answerQuestion(db, request))));
    }
    if (command === 'assistant:reindex') {
      const indexed = await indexAssistantPassages(db, { rebuild: true });
      console.log(
        `assistant: index rebuilt, ${indexed.revisions} lesson revision(s), ${indexed.passages} passage(s), ${indexed.flagged} holding instructions (never cited)`,
      );
    }
    if (command === 'places:load' || command === 'prepare') {
      const { load, skipped } = placeSetsToLoad(config.places, config.env);
      console.log(describePlaces(await loadPlaces(db, config.contentDir, load), skipped));
    }
    if (command === 'seed:demo' || command === 'prepare') {
      if (config.env === 'production') {
        console.log('demo accounts: skipped in production');
      } else {
        const result = await seedDemoAccounts(db, config.demoPassword, config.places);
        console.log(
          result === 'no-places'
            ? 'demo accounts: not created, no place set is chosen (PLACES=none)'
            : `demo accounts: ${result === 'seeded' ? 'created' : 'already seeded'} (${demoAccounts().length} roles)`,
        );
      }
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (
      e instanceof ContentValidationError ||
      e instanceof ConfigError ||
      e instanceof PlacesError ||
      e instanceof CourseSourceConflictError
    )
      console.error(e.message);
    else console.error(e);
    process.exit(1);
  },
);
