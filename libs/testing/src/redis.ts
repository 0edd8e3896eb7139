/**
 * Redis databases of a test run. The integration and e2e tiers share db 0 of REDIS_URL; the browser tier takes
 * db 1 (tools/test/browser-global-setup.mjs). A suite that starts a worker of its own against a database of its
 * own takes one of the slots below, so no other suite's worker can take its jobs and it may empty its Redis
 * database without touching anyone else's.
 */
export const RedisSlot = {
  browserTier: 1,
  workerCertificates: 2,
  /** The teacher-to-certificate browser journey: its own api (support/own-server.ts) and its own worker. */
  teacherToCertificate: 3,
} as const;

export type RedisSlotName = keyof typeof RedisSlot;

export function redisDatabaseUrl(slot: (typeof RedisSlot)[keyof typeof RedisSlot]): string {
  const base = process.env.REDIS_URL;
  if (!base)
    throw new Error('REDIS_URL is not set: run this test through jest (the global setup starts Redis)');
  const u = new URL(base);
  u.pathname = `/${(Number(u.pathname.slice(1)) || 0) + slot}`;
  return u.toString();
}
