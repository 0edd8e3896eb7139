import 'reflect-metadata';
import { dataSourceOptions } from '@hocvuso/db';
import { ContentValidationError } from '@hocvuso/content';
import { DataSource } from 'typeorm';
import { describeImport, importContent } from './cli/content-import.command';
import { demoAccounts, seedDemoAccounts } from './cli/seed-demo.command';
import { ConfigError } from './config/api.config';
import { loadCliConfig } from './config/cli.config';

const USAGE = `usage: cli <command>
  migration:run     apply pending migrations
  content:import    validate content/ and import it (idempotent)
  seed:demo         create the demo accounts once (never in production)
  prepare           all three, in that order (what npm start runs)`;

async function main(command: string | undefined): Promise<number> {
  if (!command || !['migration:run', 'content:import', 'seed:demo', 'prepare'].includes(command)) {
    console.error(USAGE);
    return 64;
  }
  const config = loadCliConfig();
  const db = await new DataSource(dataSourceOptions(config.databaseUrl)).initialize();
  try {
    if (command === 'migration:run' || command === 'prepare') {
      const ran = await db.runMigrations({ transaction: 'each' });
      console.log(`migrations: ${ran.length} applied${ran.length ? ` (${ran.map((m) => m.name).join(', ')})` : ''}`);
    }
    if (command === 'content:import' || command === 'prepare') {
      const started = Date.now();
      console.log(describeImport(await importContent(db, config.contentDir)));
      console.log(`content: imported in ${Date.now() - started} ms`);
    }
    if (command === 'seed:demo' || command === 'prepare') {
      if (config.env === 'production') {
        console.log('demo accounts: skipped in production');
      } else {
        const result = await seedDemoAccounts(db, config.demoPassword);
        console.log(`demo accounts: ${result === 'seeded' ? 'created' : 'already seeded'} (${demoAccounts().length} roles)`);
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
    if (e instanceof ContentValidationError || e instanceof ConfigError) console.error(e.message);
    else console.error(e);
    process.exit(1);
  },
);
