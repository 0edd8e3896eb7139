#!/usr/bin/env node
// Generates a small narrated slide video for a lesson from a JSON spec (tools/media/<lesson>.json).
//
//   node tools/media/generate-sample-video.mjs tools/media/spot-a-scam-video.json [--keep]
//
// Needs ffmpeg, ffprobe, espeak-ng and the Noto Sans font (Debian: apt-get install -y ffmpeg espeak-ng
// fonts-noto-core). These are only needed to generate: the outputs are committed files and CI never
// regenerates them.
//
// For a spec { output: "content/courses/<id>/media/<name>", slides: [...] } it writes, next to each other:
//   <name>.mp4     H.264 (main, yuv420p, 5 fps) + AAC mono, +faststart; each slide lasts as long as its
//                  narration plus a short pause
//   <name>.jpg     poster (the first slide)
//   <name>.vi.vtt  WebVTT, one cue per slide with the Vietnamese narration
//   <name>.en.vtt  the same cues with the English text
// and prints the duration to put in the lesson's front matter (video.durationSeconds).
//
// Spec fields (paths are relative to the repository root):
//   output         path of the outputs without extension
//   voice          espeak-ng voice, default "vi"
//   wordsPerMinute espeak-ng speed, default 140
//   pauseSeconds   silence after each slide's narration, default 0.5
//   fps            default 5
//   crf            x264 CRF, default 30
//   audioBitrate   default "48k"
//   maxBytes       refuse a video this big or bigger, default 1000000
//   durationRange  [min, max] seconds, default [45, 90]
//   brand          small footer text, default "Học vụ số"
//   pronounce      { "OTP": "Ô Tê Pê" }: whole-word replacements applied only to the speech, not to captions
//   slides         [{ title, bullets: [2-4 short lines], narration (vi), en (English caption) }]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const W = 640;
const H = 360;

const FONT_DIRS = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/noto', '/usr/local/share/fonts'];
const COLORS = {
  background: '0xF4F7FB',
  band: '0x0B4F8A',
  title: 'white',
  text: '0x1B2430',
  bullet: '0xE07A10',
  footer: '0x5B6778',
};

function fail(message) {
  console.error(`generate-sample-video: ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: opts.encoding ?? 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) fail(`${cmd} could not start (${r.error.message}); install it first`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')}\nexited with ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function findFont(file, pattern) {
  for (const dir of FONT_DIRS) if (existsSync(join(dir, file))) return join(dir, file);
  const r = spawnSync('fc-match', ['-f', '%{file}', pattern], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.endsWith(`/${file}`)) return r.stdout;
  fail(`font ${file} not found (install fonts-noto-core)`);
}

// --- Minimal TrueType metrics (cmap format 4 + hmtx) to wrap lines to the pixel width ---------------
function loadMetrics(path) {
  const b = readFileSync(path);
  const numTables = b.readUInt16BE(4);
  const tables = {};
  for (let i = 0; i < numTables; i++) {
    const o = 12 + i * 16;
    tables[b.toString('latin1', o, o + 4)] = b.readUInt32BE(o + 8);
  }
  const unitsPerEm = b.readUInt16BE(tables.head + 18);
  const numHMetrics = b.readUInt16BE(tables.hhea + 34);
  const advance = (gid) => b.readUInt16BE(tables.hmtx + 4 * Math.min(gid, numHMetrics - 1));
  const cmap = tables.cmap;
  let sub;
  for (let i = 0, n = b.readUInt16BE(cmap + 2); i < n; i++) {
    const o = cmap + 4 + i * 8;
    const platform = b.readUInt16BE(o);
    const encoding = b.readUInt16BE(o + 2);
    const at = cmap + b.readUInt32BE(o + 4);
    if (b.readUInt16BE(at) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = at;
  }
  if (sub === undefined) fail(`${path}: no cmap format 4 table`);
  const segX2 = b.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const glyph = (cp) => {
    for (let s = 0; s < segX2; s += 2) {
      if (cp > b.readUInt16BE(ends + s)) continue;
      const start = b.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const ro = b.readUInt16BE(rangeOffsets + s);
      if (ro === 0) return (cp + b.readInt16BE(deltas + s)) & 0xffff;
      const g = b.readUInt16BE(rangeOffsets + s + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + b.readInt16BE(deltas + s)) & 0xffff;
    }
    return 0;
  };
  return {
    width(text, size) {
      let units = 0;
      for (const ch of text) {
        const g = glyph(ch.codePointAt(0));
        if (g === 0 && ch !== ' ')
          fail(`${path} has no glyph for "${ch}" (U+${ch.codePointAt(0).toString(16)})`);
        units += advance(g);
      }
      return (units * size) / unitsPerEm;
    },
  };
}

function wrap(text, metrics, size, maxWidth) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || metrics.width(candidate, size) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  for (const l of lines) if (metrics.width(l, size) > maxWidth) fail(`"${l}" is too wide for the slide`);
  return lines;
}

// --- Slide rendering ---------------------------------------------------------------------------------
function renderSlide(slide, index, count, spec, fonts, dir) {
  const { regular, bold, mRegular, mBold } = fonts;
  const draws = [];
  let n = 0;
  const text = (str, font, size, color, x, baseline) => {
    const file = join(dir, `s${index}-t${n++}.txt`);
    writeFileSync(file, str.normalize('NFC'));
    // y is the top of the text box; ffmpeg sets "ascent" to this text's tallest glyph, so subtracting it
    // puts every line's baseline exactly at `baseline`, whatever diacritics the line has.
    draws.push(
      `drawtext=fontfile='${font}':textfile='${file}':expansion=none:fontsize=${size}:fontcolor=${color}` +
        `:x=${typeof x === 'number' ? Math.round(x) : x}:y=${Math.round(baseline)}-ascent`,
    );
  };

  // Title band (shrinks the font when a title needs more than two lines).
  let titleSize = 28;
  let titleLines = wrap(slide.title, mBold, titleSize, W - 64);
  while (titleLines.length > 2 && titleSize > 18) titleLines = wrap(slide.title, mBold, --titleSize, W - 64);
  if (titleLines.length > 2) fail(`title "${slide.title}" does not fit in two lines`);
  const titleLead = Math.round(titleSize * 1.3);
  const bandH = 36 + titleLead * titleLines.length;
  titleLines.forEach((l, i) => text(l, bold, titleSize, COLORS.title, 32, 20 + titleSize + i * titleLead));

  // Bullets with a hanging indent.
  const size = 23;
  const lead = Math.round(size * 1.4);
  const x0 = 40;
  const indent = 30;
  const lines = slide.bullets.flatMap((b) =>
    wrap(b, mRegular, size, W - x0 - indent - 32).map((l, i) => ({ l, first: i === 0 })),
  );
  const gaps = slide.bullets.length - 1;
  const blockH = lines.length * lead + gaps * 10;
  const footerTop = H - 40;
  const free = footerTop - bandH;
  if (blockH > free - 16) fail(`slide ${index + 1} ("${slide.title}") has too much text`);
  let baseline = bandH + Math.max(28, Math.round((free - blockH) / 2)) + size;
  lines.forEach(({ l, first }, i) => {
    if (first && i > 0) baseline += 10;
    if (first) {
      draws.push(
        `drawbox=x=${x0 + 4}:y=${Math.round(baseline - size * 0.42)}:w=10:h=10:color=${COLORS.bullet}:t=fill`,
      );
    }
    text(l, regular, size, COLORS.text, x0 + indent, baseline);
    baseline += lead;
  });

  // Footer: brand on the left, slide number on the right.
  draws.push(`drawbox=x=0:y=${footerTop}:w=${W}:h=1:color=0xD5DCE6:t=fill`);
  text(spec.brand ?? 'Học vụ số', bold, 16, COLORS.footer, 32, H - 14);
  text(`${index + 1}/${count}`, regular, 16, COLORS.footer, 'w-tw-32', H - 14);

  const filters = [`drawbox=x=0:y=0:w=${W}:h=${bandH}:color=${COLORS.band}:t=fill`, ...draws].join(',\n');
  const script = join(dir, `s${index}.filter`);
  writeFileSync(script, filters);
  const png = join(dir, `slide-${index}.png`);
  run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=${COLORS.background}:s=${W}x${H}:d=1`,
    '-filter_script:v',
    script,
    '-frames:v',
    '1',
    png,
  ]);
  return png;
}

// --- Audio -------------------------------------------------------------------------------------------
function readWav(path) {
  const b = readFileSync(path);
  if (b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE')
    fail(`${path} is not a WAV file`);
  let o = 12;
  let fmt;
  while (o + 8 <= b.length) {
    const id = b.toString('latin1', o, o + 4);
    let size = b.readUInt32LE(o + 4);
    if (id === 'fmt ') {
      fmt = {
        format: b.readUInt16LE(o + 8),
        channels: b.readUInt16LE(o + 10),
        rate: b.readUInt32LE(o + 12),
        bits: b.readUInt16LE(o + 22),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.channels !== 1 || fmt.bits !== 16)
        fail(`${path}: expected 16-bit mono PCM`);
      size = Math.min(size, b.length - o - 8);
      return { ...fmt, pcm: b.subarray(o + 8, o + 8 + size - (size % 2)) };
    }
    o += 8 + size + (size % 2);
  }
  fail(`${path}: no data chunk`);
}

function writeWav(path, rate, pcm) {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(pcm.length, 40);
  writeFileSync(path, Buffer.concat([h, pcm]));
}

function speechText(narration, pronounce = {}) {
  let s = narration;
  for (const [word, said] of Object.entries(pronounce)) {
    s = s.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'),
      said,
    );
  }
  // Typographic quotes and dashes are only for the eye.
  return s.replace(/[“”"]/g, '').replace(/\s+[–—]\s+/g, ', ');
}

// --- WebVTT ------------------------------------------------------------------------------------------
function stamp(seconds) {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor(ms / 60000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (v, n = 2) => String(v).padStart(n, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

function vtt(cues) {
  const body = cues
    .map((c, i) => `${i + 1}\n${stamp(c.start)} --> ${stamp(c.end)}\n${c.text.replace(/-->/g, '→').trim()}\n`)
    .join('\n');
  return `WEBVTT\n\n${body}`.normalize('NFC');
}

// --- Main --------------------------------------------------------------------------------------------
function main() {
  const args = process.argv.slice(2);
  const specPath = args.find((a) => !a.startsWith('--'));
  if (!specPath) fail('usage: node tools/media/generate-sample-video.mjs tools/media/<lesson>.json [--keep]');
  const spec = JSON.parse(readFileSync(resolve(specPath), 'utf8').normalize('NFC'));
  const fps = spec.fps ?? 5;
  const pause = spec.pauseSeconds ?? 0.5;
  const maxBytes = spec.maxBytes ?? 1_000_000;
  const [minDur, maxDur] = spec.durationRange ?? [45, 90];
  if (!spec.output || !Array.isArray(spec.slides) || spec.slides.length === 0)
    fail('spec needs "output" and "slides"');
  spec.slides.forEach((s, i) => {
    if (!s.title || !s.narration || !s.en) fail(`slide ${i + 1}: needs title, narration and en`);
    if (!Array.isArray(s.bullets) || s.bullets.length < 2 || s.bullets.length > 4)
      fail(`slide ${i + 1}: needs 2 to 4 bullets`);
  });

  const out = resolve(ROOT, spec.output);
  if (!out.startsWith(ROOT + '/')) fail('output must be inside the repository');
  mkdirSync(dirname(out), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'hvs-video-'));

  const regular = findFont('NotoSans-Regular.ttf', 'Noto Sans:style=Regular');
  const bold = findFont('NotoSans-Bold.ttf', 'Noto Sans:style=Bold');
  const fonts = { regular, bold, mRegular: loadMetrics(regular), mBold: loadMetrics(bold) };

  // 1. Narration per slide, padded with silence to a whole number of video frames.
  let rate;
  const pcms = [];
  const cues = [];
  let t = 0;
  spec.slides.forEach((slide, i) => {
    const txt = join(dir, `n${i}.txt`);
    const wav = join(dir, `n${i}.wav`);
    writeFileSync(txt, speechText(slide.narration.normalize('NFC'), spec.pronounce));
    run('espeak-ng', [
      '-v',
      spec.voice ?? 'vi',
      '-s',
      String(spec.wordsPerMinute ?? 140),
      '-f',
      txt,
      '-w',
      wav,
    ]);
    const w = readWav(wav);
    rate ??= w.rate;
    if (w.rate !== rate) fail('espeak-ng changed its sample rate between slides');
    const speech = w.pcm.length / 2 / rate;
    const slideSeconds = Math.ceil((speech + pause) * fps - 1e-9) / fps;
    const samples = Math.round(slideSeconds * rate);
    const pcm = Buffer.alloc(samples * 2);
    w.pcm.copy(pcm, 0, 0, Math.min(w.pcm.length, pcm.length));
    pcms.push(pcm);
    cues.push({ start: t, end: t + slideSeconds, speech, slideSeconds, vi: slide.narration, en: slide.en });
    t += slideSeconds;
  });
  const audio = join(dir, 'narration.wav');
  writeWav(audio, rate, Buffer.concat(pcms));

  // 2. Slides.
  const pngs = spec.slides.map((s, i) => renderSlide(s, i, spec.slides.length, spec, fonts, dir));

  // 3. Video: each slide held for its cue's length, then the narration.
  const inputs = [];
  pngs.forEach((png, i) =>
    inputs.push('-loop', '1', '-framerate', String(fps), '-t', cues[i].slideSeconds.toFixed(3), '-i', png),
  );
  inputs.push('-i', audio);
  const concat = `${pngs.map((_, i) => `[${i}:v]`).join('')}concat=n=${pngs.length}:v=1:a=0,format=yuv420p[v]`;
  const mp4 = `${out}.mp4`;
  run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...inputs,
    '-filter_complex',
    concat,
    '-map',
    '[v]',
    '-map',
    `${pngs.length}:a`,
    '-c:v',
    'libx264',
    '-profile:v',
    'main',
    '-preset',
    'veryslow',
    '-tune',
    'stillimage',
    '-crf',
    String(spec.crf ?? 30),
    '-r',
    String(fps),
    '-g',
    String(fps * 10),
    '-pix_fmt',
    'yuv420p',
    '-threads',
    '1',
    '-c:a',
    'aac',
    '-b:a',
    spec.audioBitrate ?? '48k',
    '-ac',
    '1',
    '-ar',
    String(rate >= 22050 ? 22050 : rate),
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    '-movflags',
    '+faststart',
    mp4,
  ]);

  // 4. Poster from the first slide.
  const jpg = `${out}.jpg`;
  run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    pngs[0],
    '-q:v',
    '4',
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    jpg,
  ]);

  // 5. Captions, one cue per slide.
  writeFileSync(`${out}.vi.vtt`, vtt(cues.map((c) => ({ ...c, text: c.vi }))));
  writeFileSync(`${out}.en.vtt`, vtt(cues.map((c) => ({ ...c, text: c.en }))));

  // 6. Checks and summary.
  const probe = JSON.parse(
    run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_name,profile,pix_fmt,width,height,r_frame_rate,sample_rate,channels,bit_rate',
      '-of',
      'json',
      mp4,
    ]),
  );
  const duration = Number(probe.format.duration);
  const bytes = statSync(mp4).size;
  const problems = [];
  if (bytes >= maxBytes) problems.push(`${relative(ROOT, mp4)} is ${bytes} bytes (limit ${maxBytes})`);
  if (duration < minDur || duration > maxDur)
    problems.push(`duration ${duration.toFixed(2)} s is outside ${minDur}–${maxDur} s`);

  if (args.includes('--keep')) console.log(`slides kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });

  console.log(`${relative(ROOT, mp4)}  ${bytes} bytes  ${duration.toFixed(3)} s`);
  for (const s of probe.streams) {
    console.log(
      `  ${s.codec_name} ${s.profile ?? ''} ${s.width ? `${s.width}x${s.height} ${s.pix_fmt} ${s.r_frame_rate} fps` : `${s.sample_rate} Hz ${s.channels} ch ${s.bit_rate} b/s`}`,
    );
  }
  cues.forEach((c, i) =>
    console.log(`  slide ${i + 1}: ${stamp(c.start)} → ${stamp(c.end)} (speech ${c.speech.toFixed(2)} s)`),
  );
  console.log(`  ${relative(ROOT, jpg)}, ${relative(ROOT, out)}.vi.vtt, ${relative(ROOT, out)}.en.vtt`);
  console.log(`durationSeconds: ${Math.round(duration * 10) / 10}`);
  if (problems.length) fail(problems.join('\n'));
}

main();
