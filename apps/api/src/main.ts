import 'reflect-metadata';
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ConfigError, loadApiConfig, type ApiConfig } from './config/api.config';
import { createApp } from './common/http/create-app';
import { LOGGER as LOGGER_TOKEN } from './common/logging/logger.token';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const READINESS = /^\/api\/ready(\?|$)/;

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
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const app = await createApp(config);
  // Nest's own shutdown hooks (enableShutdownHooks) close the database before the requests in flight are
  // answered and end the process with the signal; the api drains by itself instead (drainAndExit).
  for (const s of SHUTDOWN_SIGNALS)
    for (const l of process.listeners(s)) if (!before.get(s)?.has(l)) process.removeListener(s, l);
  const logger = app.get<Logger>(LOGGER_TOKEN);
  const state = { draining: false };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    if (state.draining && READINESS.test(req.url)) {
      void reply
        .status(503)
        .header('cache-control', 'no-store')
        .header('connection', 'close')
        .send({ status: 'draining' });
      return;
    }
    done();
  });
  // Once draining, every answer tells the client to close its connection, so keep-alive connections end
  // after the response they are waiting for instead of carrying a next request to a closing process.
  fastify.addHook('onSend', (_req, reply, _payload, done) => {
    if (state.draining) void reply.header('connection', 'close');
    done();
  });
  await app.listen({ port: config.port, host: config.host });
  logger.info({ url: config.publicUrl }, 'api listening');
  for (const s of SHUTDOWN_SIGNALS) {
    process.on(s, () => {
      if (!state.draining) return void drainAndExit(app, config, logger, state, s);
      logger.warn(
        { signal: s },
        'shutdown: a second signal; exiting now without waiting for the requests in flight',
      );
      process.exit(1);
    });
  }
}

/**
 * SIGTERM (or Ctrl-C): readiness answers 503 (for SHUTDOWN_DELAY_MS while everything is still served, so a
 * load balancer takes the instance out first), then no new connections are accepted, idle keep-alive
 * connections are closed, and the requests in flight are answered in full; then Nest's shutdown hooks run
 * (database, queues) and the process exits 0. Past SHUTDOWN_TIMEOUT_MS it closes what is left and exits 1.
 */
async function drainAndExit(
  app: NestFastifyApplication,
  config: ApiConfig,
  logger: Logger,
  state: { draining: boolean },
  signal: string,
) {
  const { timeoutMs, delayMs } = config.shutdown;
  const server = app.getHttpServer() as Server;
  const deadline = setTimeout(() => {
    logger.error(
      { timeoutMs },
      'shutdown: requests still open after SHUTDOWN_TIMEOUT_MS; closing them and exiting',
    );
    server.closeAllConnections();
    process.exit(1);
  }, timeoutMs + delayMs);
  deadline.unref();
  state.draining = true;
  logger.info({ signal, delayMs, timeoutMs }, 'shutdown: readiness now answers 503; draining');
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  await new Promise<void>((resolve) => {
    server.close(() => resolve()); // stops accepting; resolves once every connection has ended
    server.closeIdleConnections();
    // A connection that was busy when the signal came turns idle after its answer (Connection: close ends
    // most); close the ones a client keeps open anyway.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.once('close', () => clearInterval(sweep));
  });
  logger.info('shutdown: every request answered; closing the database and queues');
  try {
    await app.close();
  } catch (e) {
    logger.error({ err: e }, 'shutdown: closing the application failed');
    process.exit(1);
  }
  clearTimeout(deadline);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error('api failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
