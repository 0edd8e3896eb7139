// Jobs as Postgres notifications: a listener on a dedicated connection hears what the pool notifies.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import { listenOnChannel, notifyChannel } from '../src';
import { token } from './support/world';

describe('job-queue queries', () => {
  let db: DataSource;
  let listener: Client;
  beforeAll(async () => {
    db = await openRunDatabase();
    listener = new Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
  });
  afterAll(async () => {
    await listener.end();
    await db.destroy();
  });

  it('delivers a notified payload to the connection listening on the channel', async () => {
    const channel = `hvs_q_${token()}`;
    const heard: Notification[] = [];
    listener.on('notification', (n) => heard.push(n));
    await listenOnChannel(listener, channel);
    const payload = JSON.stringify({ name: 'issue-certificate', payload: { requestId: 'x' } });
    await notifyChannel(db, channel, payload);
    await notifyChannel(db, `hvs_q_${token()}`, 'elsewhere');
    for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(heard.map((n) => [n.channel, n.payload])).toEqual([[channel, payload]]);
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    await expect(listenOnChannel(listener, 'jobs; DROP TABLE users')).rejects.toThrow(
      /not a notification channel name/,
    );
    await expect(notifyChannel(db, 'Jobs', '{}')).rejects.toThrow(/not a notification channel name/);
  });
});
