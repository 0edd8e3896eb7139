import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { IssuerStartupError } from '@hocvuso/issuance';
import { loadWorkerConfig, WorkerConfigError } from './config/worker.config';
import { WorkerModule } from './worker.module';

async function main() {
  let config;
  try {
    config = loadWorkerConfig();
  } catch (e) {
    if (e instanceof WorkerConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const logger = pino({
    level: config.logLevel,
    base: { service: 'worker' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: ['error', 'warn'],
  });
  // SIGTERM/SIGINT close the app: BullMQ workers finish or release their active job first.
  app.enableShutdownHooks();
  await app.init();
}

main().catch((e: unknown) => {
  console.error('worker failed to start:', e instanceof Error ? e.message : e);
  // A wrong ISSUER_KEY_SECRET or a changed PUBLIC_URL is a configuration problem, like an invalid variable.
  process.exit(e instanceof IssuerStartupError ? 78 : 1);
});
