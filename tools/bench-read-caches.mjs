#!/usr/bin/env node
// The read paths of issue #17 item 2 beside bare Fastify "hello" in the same run (same Node, same machine):
// catalogue first page and course page, as a browser revalidating (If-None-Match → 304) and as a cold client
// (200). Run `node tools/build.mjs --only=api,cli` first.   node tools/bench-read-caches.mjs [--seconds=5]
import autocannon from 'autocannon';
import { machineLoad, numberArg, scratchBench, startApi, startBareFastify } from './lib/bench.mjs';

const seconds = numberArg('seconds', 5);
const connections = numberArg('connections', 20);
const rate = (r) => Math.round(r.requests.average);

const bare = await startBareFastify();
const bench = await scratchBench({ prefix: 'hvs_bench_rc' });
try {
  bench.cli('migration:run');
  bench.cli('content:import');
  const { base } = await startApi(bench);
  const hello = rate(await autocannon({ url: bare.url, connections, duration: seconds }));
  console.log(
    `\nbench: ${seconds} s each, ${connections} connections, Node ${process.version}, ${machineLoad()}`,
  );
  console.log(`${'bare Fastify hello'.padEnd(32)} ${String(hello).padStart(6)} req/s`);
  for (const [name, path] of [
    ['catalogue, first page', '/api/courses'],
    ['course page', '/api/courses/online-public-services'],
  ]) {
    const etag = (await fetch(base + path)).headers.get('etag');
    for (const [how, headers] of [
      ['200', {}],
      ['304', { 'if-none-match': etag }],
    ]) {
      const r = await autocannon({ url: base + path, connections, duration: seconds, headers });
      const ratio = (rate(r) / hello).toFixed(2);
      console.log(
        `${`${name} (${how})`.padEnd(32)} ${String(rate(r)).padStart(6)} req/s   ${ratio}× bare (goal ≥ 0.25×)   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}`,
      );
    }
  }
} finally {
  bare.stop();
  await bench.stop();
}
