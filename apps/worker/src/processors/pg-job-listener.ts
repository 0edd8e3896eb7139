import { type JobEnvelope, PG_JOB_CHANNEL } from '@hocvuso/jobs';
import { listenOnChannel } from '@hocvuso/db';
import { Client } from 'pg';
import type { Logger } from 'pino';

/**
 * The LISTEN side of jobs without Redis. One dedicated Postgres connection; when it is lost (Postgres restarted,
 * a network cut) it reconnects with a capped backoff and LISTENs again, and `onReconnect` runs, so the caller
 * can sweep for what was announced while nobody listened.
 */
export class PgJobListener {
  private client?: Client;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  /** Whether the LISTEN is in place right now (readiness, tests). */
  listening = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onJob: (env: JobEnvelope) => void,
    private readonly logger: Logger,
    private readonly onReconnect: () => void = () => undefined,
    private readonly maxBackoffMs = 10_000,
  ) {}

  /** Connects and LISTENs; throws when the first connection fails (the worker then does not start). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('notification', (msg) => {
      try {
        this.onJob(JSON.parse(msg.payload ?? '') as JobEnvelope);
      } catch (err) {
        this.logger.warn({ err }, 'ignored a malformed job notification');
      }
    });
    let established = false;
    client.on('error', (err) => {
      if (!established) return;
      this.logger.warn({ err: err.message }, 'job listener connection lost; reconnecting');
      this.lost(client);
    });
    client.on('end', () => established && this.lost(client));
    try {
      await client.connect();
      await listenOnChannel(client, PG_JOB_CHANNEL);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    established = true;
    this.listening = true;
    this.failures = 0;
  }

  private lost(client: Client): void {
    if (client !== this.client) return; // an old connection ending late, or already handled
    this.listening = false;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed || this.retryTimer) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(250 * 2 ** this.failures, this.maxBackoffMs);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed) return;
      this.connect().then(
        () => {
          this.logger.warn('job listener reconnected to Postgres; sweeping for jobs announced meanwhile');
          this.onReconnect();
        },
        () => {
          if (!this.retryTimer && !this.closed) this.scheduleReconnect();
        },
      );
    }, delay);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
