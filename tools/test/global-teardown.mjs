import { rmSync } from 'node:fs';
import { dropDatabase } from '../lib/services.mjs';

export default async function globalTeardown() {
  const state = globalThis.__HVS_TEST__;
  if (!state || state.tornDown) return;
  state.tornDown = true;
  if (globalThis.__HVS_BROWSER_SERVER__) await globalThis.__HVS_BROWSER_SERVER__.stop();
  if (state.redis) await state.redis.stop();
  if (state.pg) await state.pg.stop();
  else {
    await dropDatabase(state.serverUrl, state.dbName).catch(() => undefined);
    if (state.browserDbName) await dropDatabase(state.serverUrl, state.browserDbName).catch(() => undefined);
  }
  rmSync(state.tmp, { recursive: true, force: true });
}
