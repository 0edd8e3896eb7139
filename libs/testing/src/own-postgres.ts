// An embedded Postgres of one test alone, in a child process that the test can stop and start again on the same
// port and data: the fault tests (worker) and the outage test (api) take the database away with it, never the
// machine's shared server.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/**
 * An embedded Postgres of this test alone (tools/lib/services.mjs), held by a child node process that obeys
 * `stop` and `start` on its stdin, so a test can take the database away and bring it back on the same port.
 */
export class OwnPostgres {
  private lines: string[] = [];
  private waiters: Array<(line: string) => void> = [];
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly dir: string,
  ) {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const waiter = this.waiters.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
    });
  }

  static async start(database: string): Promise<{ pg: OwnPostgres; url: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'hvs-own-pg-'));
    chmodSync(dir, 0o711); // as root, Postgres runs as the OS user postgres, which must enter this folder
    const script = `
      import { createInterface } from 'node:readline';
      import { freePort, startEmbeddedPostgres, ensureDatabase } from ${JSON.stringify(join(root, 'tools/lib/services.mjs'))};
      const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
      try {
        const pg = await startEmbeddedPostgres({ dir: ${JSON.stringify(join(dir, 'pg'))}, port: await freePort(), persistent: true, fsync: false });
        const url = await ensureDatabase(pg.url, ${JSON.stringify(database)});
        say({ ready: true, url });
        for await (const line of createInterface({ input: process.stdin })) {
          try {
            if (line === 'stop') { await pg.stop(); say({ stopped: true }); }
            else if (line === 'start') { await pg.pg.start(); say({ started: true }); }
            else if (line === 'quit') { await pg.stop(); say({ quit: true }); break; }
          } catch (e) { say({ error: String(e) }); }
        }
      } catch (e) { say({ error: String(e && e.stack || e) }); }
      process.exit(0);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    const pg = new OwnPostgres(child, dir);
    const first = JSON.parse(await pg.next()) as { ready?: boolean; url?: string; error?: string };
    if (!first.ready || !first.url) throw new Error(`embedded Postgres did not start: ${first.error}`);
    return { pg, url: first.url };
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolveLine, reject) => {
      this.waiters.push(resolveLine);
      this.child.once('exit', () => reject(new Error('the embedded Postgres helper exited')));
    });
  }

  async command(what: 'stop' | 'start' | 'quit'): Promise<void> {
    this.child.stdin.write(`${what}\n`);
    const answer = JSON.parse(await this.next()) as { error?: string };
    if (answer.error) throw new Error(`${what} failed: ${answer.error}`);
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      await this.command('quit').catch(() => undefined);
      if (this.child.exitCode === null) this.child.kill('SIGTERM');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
