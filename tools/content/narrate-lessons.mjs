#!/usr/bin/env node
// Makes the synthetic narration of a course's lessons (docs/read-aloud.md): for every lesson file whose front matter
// has `audio: { …, synthetic: true }`, the lesson's title and text are spoken by espeak-ng, encoded small (MP3,
// mono, 16 kHz, 24 kbit/s, no metadata, bit-exact) into the file `audio.src` names, and `durationSeconds` is
// rewritten with the encoded file's length.
//
//   node tools/content/narrate-lessons.mjs easy-vietnamese-first-steps [vi]
//
// Needs espeak-ng (Debian: apt-get install -y espeak-ng) and the repository's ffmpeg (@ffmpeg-installer/ffmpeg).
// Only needed to author: the outputs are committed files and CI never regenerates them. The voice is a machine's:
// the lessons keep `synthetic: true` (the player says so) until a native speaker records them; a human recording
// replaces the file and drops the flag, and this script then leaves that lesson alone.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FFMPEG = join(ROOT, 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
/** espeak-ng voice per lesson language, and whole words it reads better spelled out. */
const VOICES = { vi: 'vi', en: 'en-gb' };
const PRONOUNCE = {
  vi: { OTP: 'Ô Tê Pê', Zalo: 'Da lô', VNeID: 'Vê Nờ E Ai Đi', micrô: 'mi crô' },
  en: {},
};
const WORDS_PER_MINUTE = 130;
const MAX_BYTES = 600_000;

const [courseId, onlyLang] = process.argv.slice(2);
if (!courseId || !/^[a-z0-9-]+$/.test(courseId)) {
  console.error('usage: node tools/content/narrate-lessons.mjs <course-id> [language]');
  process.exit(2);
}
const courseDir = join(ROOT, 'content/courses', courseId);

const run = (cmd, args, input) => {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.error?.message ?? r.stderr.slice(-2000)}`);
  return r;
};

/** The words a listener hears: the title, then the body without Markdown marks (one line per block). */
function spokenText(title, body, lang) {
  const lines = body
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*>\s?/, '')
        .replace(/^#{1,6}\s+/, '')
        .replace(/^\s*[-*]\s+/, '')
        .replace(/\*\*|__|`/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .trim(),
    )
    .filter(Boolean)
    // A line without final punctuation (a heading, a list item) ends with a pause.
    .map((l) => (/[.!?…:;,]$/.test(l) ? l : `${l}.`));
  let text = [`${title}.`, ...lines].join('\n');
  for (const [word, say] of Object.entries(PRONOUNCE[lang] ?? {}))
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'gu'), say);
  return text.normalize('NFC');
}

const tmp = mkdtempSync(join(tmpdir(), 'narrate-'));
let total = 0;
try {
  const files = readdirSync(join(courseDir, 'lessons'))
    .filter((f) => /^[a-z0-9-]+\.[a-z]{2,3}\.md$/.test(f))
    .sort();
  for (const f of files) {
    const lang = f.split('.').at(-2);
    if (onlyLang && lang !== onlyLang) continue;
    const path = join(courseDir, 'lessons', f);
    const source = readFileSync(path, 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
    if (!m) continue;
    const front = parse(m[1]);
    const audio = front.audio;
    if (!audio || typeof audio !== 'object' || audio.synthetic !== true) continue;
    if (!/^media\/[A-Za-z0-9._-]+\.mp3$/.test(audio.src))
      throw new Error(`${f}: audio.src must be media/<name>.mp3`);
    const voice = VOICES[lang];
    if (!voice) throw new Error(`${f}: no espeak-ng voice configured for "${lang}"`);
    const wav = join(tmp, `${f}.wav`);
    run(
      'espeak-ng',
      ['-v', voice, '-s', String(WORDS_PER_MINUTE), '-g', '4', '-w', wav, '--stdin'],
      spokenText(front.title, m[2], lang),
    );
    const out = join(courseDir, audio.src);
    run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      wav,
      '-ac',
      '1',
      '-ar',
      '16000',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '24k',
      '-map_metadata',
      '-1',
      '-id3v2_version',
      '0',
      '-write_id3v1',
      '0',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      out,
    ]);
    const size = statSync(out).size;
    if (size > MAX_BYTES) throw new Error(`${audio.src}: ${size} bytes, more than ${MAX_BYTES}`);
    // The encoded length, as the decoder reads it (the importer checks it against the file within a second).
    const probe = spawnSync(FFMPEG, ['-hide_banner', '-i', out, '-f', 'null', '-'], { encoding: 'utf8' });
    const times = [...probe.stderr.matchAll(/time=(\d+):(\d+):(\d+\.\d+)/g)];
    const last = times.at(-1);
    if (!last) throw new Error(`${audio.src}: could not measure the duration`);
    const seconds = Math.round((Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])) * 10) / 10;
    const line = `audio: { src: ${audio.src}, durationSeconds: ${seconds}, synthetic: true }`;
    writeFileSync(path, source.replace(/^audio:.*$/m, line));
    total += size;
    console.log(`${audio.src}  ${seconds} s  ${size} bytes`);
  }
  console.log(`total ${total} bytes`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
