import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { IMAGE_RENDITION, isDomainError } from '@hocvuso/domain';
import { makeImageRendition } from './image-rendition';

const bins = { ffmpegPath, ffprobePath };
const CONTENT = resolve(__dirname, '../../../content/courses');

/** Width, height and codec of a picture, read by ffprobe (not by the code under test). */
function probe(file: string): { width: number; height: number; codec: string } {
  const out = execFileSync(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  const s = (
    JSON.parse(out.toString()) as { streams: Array<{ width: number; height: number; codec_name: string }> }
  ).streams[0]!;
  return { width: s.width, height: s.height, codec: s.codec_name };
}

/** A real picture made by ffmpeg (a test pattern) of the given size and format. */
function picture(dir: string, name: string, width: number, height: number): string {
  const file = join(dir, name);
  execFileSync(ffmpegPath, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${width}x${height}:rate=1`,
    '-frames:v',
    '1',
    '-y',
    file,
  ]);
  return file;
}

function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isDomainError(e)) throw new Error(`expected a refusal, got ${String(e)}`);
  return e.code;
}

describe('makeImageRendition (real ffmpeg, real files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hvs-rendition-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    'cashless-payments/media/qr-payment.jpg',
    'online-scams/media/spot-a-scam.jpg',
    'smartphone-basics/media/screen-lock.jpg',
  ])(
    'makes a WebP at most 480 px wide, same proportions and smaller, from the shipped poster %s',
    async (rel) => {
      const source = join(dir, 'poster.jpg');
      copyFileSync(join(CONTENT, rel), source);
      const original = probe(source);
      const target = join(dir, 'poster.480w.webp');
      const made = await makeImageRendition(bins, source, target);
      const small = probe(target);
      expect(small.codec).toBe('webp');
      expect(small.width).toBe(Math.min(IMAGE_RENDITION.maxWidth, original.width));
      expect(small.height).toBe(Math.round((original.height * small.width) / original.width));
      expect(made).toMatchObject({
        width: small.width,
        height: small.height,
        source: { width: original.width, height: original.height, type: 'image/jpeg' },
      });
      expect(readFileSync(target).length).toBe(made.bytes);
      expect(made.bytes).toBeLessThan(readFileSync(source).length);
      expect(readdirSync(dir).sort()).toEqual(['poster.480w.webp', 'poster.jpg']);
    },
  );

  it('reads PNG and WebP too, and never upscales a small image', async () => {
    const png = picture(dir, 'wide.png', 1000, 500);
    await makeImageRendition(bins, png, join(dir, 'wide.480w.webp'));
    expect(probe(join(dir, 'wide.480w.webp'))).toEqual({ width: 480, height: 240, codec: 'webp' });
    const tiny = picture(dir, 'tiny.webp', 200, 150);
    await makeImageRendition(bins, tiny, join(dir, 'tiny.480w.webp'));
    expect(probe(join(dir, 'tiny.480w.webp'))).toEqual({ width: 200, height: 150, codec: 'webp' });
  });

  const hostile: Array<[string, (d: string) => string, string]> = [
    [
      'an SVG with a script named .jpg',
      (d) => {
        const f = join(d, 'x.jpg');
        writeFileSync(f, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
        return f;
      },
      'IMAGE_MARKUP',
    ],
    [
      'an SVG with a BOM and whitespace first',
      (d) => {
        const f = join(d, 'x.png');
        writeFileSync(f, '\ufeff  \n<?xml version="1.0"?><svg onload="alert(1)"/>');
        return f;
      },
      'IMAGE_MARKUP',
    ],
    [
      'a text file named .jpg',
      (d) => {
        const f = join(d, 'x.jpg');
        writeFileSync(f, 'not a picture at all\u0000\u200b');
        return f;
      },
      'IMAGE_NOT_AN_IMAGE',
    ],
    [
      'a PDF named .jpg',
      (d) => {
        const f = join(d, 'x.jpg');
        writeFileSync(f, '%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');
        return f;
      },
      'IMAGE_NOT_AN_IMAGE',
    ],
    [
      'an empty file',
      (d) => {
        const f = join(d, 'x.jpg');
        writeFileSync(f, '');
        return f;
      },
      'IMAGE_EMPTY',
    ],
    [
      'a truncated JPEG',
      (d) => {
        const full = readFileSync(join(CONTENT, 'online-scams/media/spot-a-scam.jpg'));
        const f = join(d, 'x.jpg');
        writeFileSync(f, full.subarray(0, Math.floor(full.length / 3)));
        return f;
      },
      'IMAGE_CORRUPT',
    ],
    [
      'a JPEG with its middle overwritten',
      (d) => {
        const full = Buffer.from(readFileSync(join(CONTENT, 'online-scams/media/spot-a-scam.jpg')));
        full.fill(0x00, 20, Math.floor(full.length / 2));
        const f = join(d, 'x.jpg');
        writeFileSync(f, full);
        return f;
      },
      'IMAGE_CORRUPT',
    ],
    [
      'a pixel bomb: a small PNG declaring 60000 × 60000 (a well-formed header)',
      (d) => {
        const png = readFileSync(picture(d, 'seed.png', 16, 16));
        // IHDR's width and height are the 4-byte big-endian numbers at bytes 16 and 20, its CRC at 29: a well-formed
        // header, so the refusal must come from the declared size, not from a checksum.
        png.writeUInt32BE(60_000, 16);
        png.writeUInt32BE(60_000, 20);
        png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
        const f = join(d, 'bomb.png');
        writeFileSync(f, png);
        rmSync(join(d, 'seed.png'));
        return f;
      },
      'IMAGE_TOO_MANY_PIXELS',
    ],
    [
      'a JPEG whose frame header declares 9000 × 9000 (81 MP: ffmpeg would try to decode it)',
      (d) => {
        const jpg = readFileSync(picture(d, 'seed.jpg', 64, 48));
        const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
        jpg.writeUInt16BE(9000, sof + 5);
        jpg.writeUInt16BE(9000, sof + 7);
        rmSync(join(d, 'seed.jpg'));
        const f = join(d, 'bomb.jpg');
        writeFileSync(f, jpg);
        return f;
      },
      'IMAGE_TOO_MANY_PIXELS',
    ],
    [
      'a file over 20 MiB',
      (d) => {
        const f = join(d, 'x.jpg');
        writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(20 * 1024 * 1024)]));
        return f;
      },
      'IMAGE_TOO_LARGE',
    ],
  ];

  it.each(hostile)(
    'refuses %s with a clear code and writes nothing',
    async (_what, make, code) => {
      const source = make(dir);
      const before = readdirSync(dir).sort();
      const sourceBytes = readFileSync(source);
      expect(await refusal(makeImageRendition(bins, source, join(dir, 'out.480w.webp')))).toBe(code);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readFileSync(source).equals(sourceBytes)).toBe(true);
    },
    60_000,
  );

  it('makes the same rendition when 8 runs race on one target (last rename wins, never a half file)', async () => {
    const source = picture(dir, 'p.jpg', 1280, 720);
    const target = join(dir, 'p.480w.webp');
    const all = await Promise.all(Array.from({ length: 8 }, () => makeImageRendition(bins, source, target)));
    expect(new Set(all.map((r) => `${r.width}x${r.height}`))).toEqual(new Set(['480x270']));
    expect(probe(target)).toEqual({ width: 480, height: 270, codec: 'webp' });
    expect(readdirSync(dir).sort()).toEqual(['p.480w.webp', 'p.jpg']);
  }, 60_000);
});
