import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { MetricsAccessCheck } from './metrics-access';

/**
 * A small HTTP listener for a process without an HTTP server of its own (the worker): `GET /metrics` in the
 * Prometheus text format for callers the access check allows, 401 in the platform's error shape otherwise,
 * 404 for anything else.
 */
export async function startMetricsServer(
  registry: Registry,
  access: MetricsAccessCheck,
  listen: { port: number; host: string },
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    const error = (
      statusCode: number,
      code: string,
      message: string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(statusCode, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(JSON.stringify({ statusCode, code, message, requestId: randomUUID() }));
    };
    if (req.method !== 'GET' || url !== '/metrics') return error(404, 'NOT_FOUND', 'There is no such page.');
    const decision = access(req.headers.authorization, req.socket.remoteAddress);
    if (!decision.allowed)
      return error(401, 'UNAUTHENTICATED', 'The metrics need the METRICS_TOKEN bearer token.', {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      () => error(500, 'INTERNAL_ERROR', 'The metrics could not be collected.'),
    );
  });
  server.keepAliveTimeout = 65_000; // longer than Prometheus' scrape interval: its connections are reused
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
