import { databaseUrlField, formatConfigIssues, nodeEnvField } from '@hocvuso/contracts';
import { CLI_POOL_SETTINGS, poolSettings, type PoolSettings } from '@hocvuso/db';
import { z } from 'zod';
import { ConfigError } from './api.config';
import { placesField, type PlaceSet } from '../cli/places';

const schema = z.object({
  DATABASE_URL: databaseUrlField,
  CONTENT_DIR: z.string().min(1).default('content'),
  NODE_ENV: nodeEnvField,
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('hocvuso-demo'),
  PLACES: placesField,
  HVS_BENCH_SEED: z.enum(['yes', 'no']).default('no'),
});

export interface CliConfig {
  databaseUrl: string;
  /**
   * The cli's pool: no statement limit and long lock waits (migrations, content import). It does not read the
   * api's DB_* pool variables, so a request-sized statement_timeout never cuts a migration short.
   */
  db: PoolSettings;
  contentDir: string;
  env: 'development' | 'test' | 'production';
  demoPassword: string;
  /** The place sets `prepare` loads (PLACES, default `demo`), in the order given. */
  places: PlaceSet[];
  /** HVS_BENCH_SEED=yes: `npm run bench` may make learners with sessions (`bench:learners`); never otherwise. */
  benchSeed: boolean;
}

/** The command-line tools' configuration (migrations, content import, places, demo seed). */
export function loadCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatConfigIssues('cli', parsed.error));
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    db: poolSettings({ NODE_ENV: parsed.data.NODE_ENV }, CLI_POOL_SETTINGS),
    contentDir: parsed.data.CONTENT_DIR,
    env: parsed.data.NODE_ENV,
    demoPassword: parsed.data.DEMO_PASSWORD,
    places: parsed.data.PLACES,
    benchSeed: parsed.data.HVS_BENCH_SEED === 'yes',
  };
}
