#!/usr/bin/env node
// Video pipeline benchmark (docs/video-pipeline.md), not part of `npm test`:
//  1. transcoding: an N-minute 720p lavfi source (testsrc2 + sine, default 10 minutes) through the worker's own
//     code (hlsArgs + runFfmpeg for the ladder and audio-only rendition, the poster, every file into libs/storage
//     on local disk) against the very same ffmpeg command run directly, in the same run; ratio = ffmpeg / ours.
//  2. upload: a 500 MB file through tus (tus-node with its file store, tus-js-client in Node, 8 MiB chunks) against a
//     plain file copy.
//   npm run bench:transcode -- [--minutes=10] [--upload-mb=500]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { numberArg, root } from './lib/bench.mjs';

const require = createRequire(import.meta.url);
const ffmpeg = require('@ffmpeg-installer/ffmpeg').path;
const minutes = numberArg('minutes', 10);
const uploadMb = numberArg('upload-mb', 500);
const work = mkdtempSync(join(tmpdir(), 'hvs-bench-transcode-'));
const seconds = (ms) => (ms / 1000).toFixed(1);

async function workerCode() {
  // The worker's modules as they are, bundled for this script (TypeScript sources, workspace aliases).
  const out = join(work, 'pipeline.cjs');
  await build({
    stdin: {
      contents: `export * from './apps/worker/src/media/ffmpeg-hls';
        export { LocalDiskStorage } from './libs/storage/src/storage';
        export { videoLadder, hlsMasterPlaylist, AUDIO_ONLY_RUNG } from './libs/domain/src/videos';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    // The workspace aliases (@hocvuso/*) the bundled modules import resolve through the base tsconfig's paths.
    tsconfig: join(root, 'tsconfig.base.json'),
    outfile: out,
    logLevel: 'error',
  });
  return require(out);
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err))));
  });
}

async function transcodeBench() {
  const source = join(work, 'source.mp4');
  let t = Date.now();
  spawnSync(ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${minutes * 60}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${minutes * 60}`],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '23',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      source,
    ],
  ]);
  console.log(
    `source: ${minutes} min 720p, ${(statSync(source).size / 1e6).toFixed(0)} MB, made in ${seconds(Date.now() - t)} s`,
  );
  const p = await workerCode();
  const video = { width: 1280, height: 720 };
  const rungs = p.videoLadder(video.height);

  // ffmpeg alone: the same two commands, outputs left where ffmpeg wrote them.
  const direct = join(work, 'direct');
  mkdirSync(direct);
  t = Date.now();
  await run(p.hlsArgs(source, direct, video, rungs));
  await run(p.posterArgs(source, join(direct, 'poster.jpg'), minutes * 60, video.height));
  const ffmpegMs = Date.now() - t;

  // Ours: the worker's run (with its -progress parsing) and every output hashed and put into storage.
  const ours = join(work, 'ours');
  mkdirSync(ours);
  const storage = new p.LocalDiskStorage(join(work, 'storage'));
  let reports = 0;
  t = Date.now();
  await p.runFfmpeg(ffmpeg, p.hlsArgs(source, ours, video, rungs), () => reports++);
  await p.runFfmpeg(ffmpeg, p.posterArgs(source, join(ours, 'poster.jpg'), minutes * 60, video.height));
  const names = [...rungs.map((r) => r.name), p.AUDIO_ONLY_RUNG.name];
  for (const [i, name] of names.entries())
    for (const f of readdirSync(join(ours, String(i)))) {
      const path = join(ours, String(i), f);
      const sha = createHash('sha256').update(require('node:fs').readFileSync(path)).digest('hex');
      await storage.putFile(`videos/bench/hls/${name}/${f}`, path, 'video/mp2t', sha);
    }
  await storage.putFile('videos/bench/poster.jpg', join(ours, 'poster.jpg'), 'image/jpeg', '');
  const oursMs = Date.now() - t;
  console.log(
    `transcode (${rungs.map((r) => r.name).join(', ')}, audio, poster): ffmpeg alone ${seconds(ffmpegMs)} s, ` +
      `pipeline ${seconds(oursMs)} s, ratio ${(ffmpegMs / oursMs).toFixed(3)} (goal >= 0.9); ` +
      `${((minutes * 60 * 1000) / oursMs).toFixed(2)}x real time on ${cpus().length} CPUs; ${reports} progress reports`,
  );
}

async function uploadBench() {
  const file = join(work, 'upload.bin');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let written = 0; written < uploadMb * 1024 * 1024; written += block.length) writeSync(fd, block);
  closeSync(fd);
  const size = statSync(file).size;

  let t = Date.now();
  copyFileSync(file, join(work, 'copy.bin'));
  const copyMs = Date.now() - t;
  rmSync(join(work, 'copy.bin'));

  const { Server } = require('@tus/server');
  const { FileStore } = require('@tus/file-store');
  const { Upload } = require('tus-js-client');
  const tus = new Server({ path: '/uploads', datastore: new FileStore({ directory: join(work, 'tus') }) });
  const server = createServer((req, res) => void tus.handle(req, res));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  t = Date.now();
  await new Promise((resolve, reject) => {
    const up = new Upload(require('node:fs').createReadStream(file), {
      endpoint: `http://127.0.0.1:${port}/uploads`,
      uploadSize: size,
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [],
      onError: reject,
      onSuccess: resolve,
    });
    up.start();
  });
  const tusMs = Date.now() - t;
  server.close();
  const mbps = (ms) => (size / 1e6 / (ms / 1000)).toFixed(0);
  console.log(
    `upload ${uploadMb} MiB: tus ${seconds(tusMs)} s (${mbps(tusMs)} MB/s), plain copy ${seconds(copyMs)} s (${mbps(copyMs)} MB/s), ` +
      `tus/copy time ${(tusMs / Math.max(1, copyMs)).toFixed(1)}x`,
  );
}

try {
  await transcodeBench();
  await uploadBench();
} finally {
  rmSync(work, { recursive: true, force: true });
}
