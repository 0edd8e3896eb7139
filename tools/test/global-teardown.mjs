import { stopServices } from './global-setup.mjs';

export default async function globalTeardown() {
  const state = globalThis.__HVS_TEST__;
  if (!state || state.tornDown) return;
  state.tornDown = true;
  await stopServices(state);
}
