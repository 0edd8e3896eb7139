import 'reflect-metadata';
import { ConfigError, loadApiConfig } from './config/api.config';
import { createApp } from './common/http/create-app';
import { LOGGER as LOGGER_TOKEN } from './common/logging/logger.token';

async function main() {
  let config;
  try {
    config = loadApiConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  app.get(LOGGER_TOKEN).info({ url: config.publicUrl }, 'api listening');
}

main().catch((e: unknown) => {
  console.error('api failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
