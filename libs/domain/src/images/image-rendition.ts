import { ValidationError, isDomainError } from '../errors/domain-error';
import { detectMaterialType } from '../materials/detect-material-type';

/**
 * Reduced-size images for low-data mode (docs/low-data.md "Images"): one small rendition per lesson image and
 * video poster, made once (content import, transcoding), never per request.
 *
 * Decision: WebP at quality 60, at most 480 px wide. On the phones low-data mode is for (Android's Chrome and
 * WebView, Safari 14+) WebP is read everywhere and is about a third smaller than a JPEG of the same look; 480 px
 * fills a phone's column at 1× and stays sharp enough at 2× for a poster; quality 60 keeps faces and text in
 * a frame readable. A browser without WebP gets the original through `<picture>`.
 */
export const IMAGE_RENDITION = {
  maxWidth: 480,
  quality: 60,
  extension: 'webp',
  mediaType: 'image/webp',
} as const;

/** A file over this is not resized (the original is served as it is). */
export const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** Decoding more pixels than this (a "pixel bomb": a small file declaring a huge picture) is refused. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** Neither side may be longer than this, whatever the pixel count. */
export const IMAGE_MAX_SIDE = 16_384;

export type ImageRefusalCode =
  | 'IMAGE_EMPTY'
  | 'IMAGE_NOT_AN_IMAGE'
  | 'IMAGE_MARKUP'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_TOO_MANY_PIXELS'
  | 'IMAGE_CORRUPT';

export const imageRefusal = (code: ImageRefusalCode, message: string, details?: unknown) =>
  new ValidationError(code, message, details);

export type RasterImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * The raster type of an image from its bytes (the studio materials' detector: never the name), or a refusal:
 * IMAGE_EMPTY, IMAGE_MARKUP (SVG, HTML, XML: they can carry scripts and are never resized), IMAGE_NOT_AN_IMAGE
 * (a PDF, a program, a polyglot, anything else named .jpg) or IMAGE_TOO_LARGE.
 */
export function detectRasterImage(bytes: Uint8Array): RasterImageType {
  if (bytes.length === 0) throw imageRefusal('IMAGE_EMPTY', 'The image is empty (0 bytes).');
  if (bytes.length > IMAGE_MAX_BYTES)
    throw imageRefusal('IMAGE_TOO_LARGE', 'The image is too large to resize.', { maxBytes: IMAGE_MAX_BYTES });
  let type: string;
  try {
    type = detectMaterialType(bytes);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (e.code === 'MATERIAL_MARKUP')
      throw imageRefusal(
        'IMAGE_MARKUP',
        'This file is an SVG drawing or a web page, whatever its name says; it can run scripts and is not resized.',
      );
    throw imageRefusal('IMAGE_NOT_AN_IMAGE', 'This file is not a PNG, JPEG or WebP image.', {
      reason: e.code,
    });
  }
  if (type === 'image/png' || type === 'image/jpeg' || type === 'image/webp') return type;
  throw imageRefusal('IMAGE_NOT_AN_IMAGE', 'This file is not a PNG, JPEG or WebP image.', { type });
}

/**
 * The picture size an image's header declares, read from the bytes (PNG `IHDR`, JPEG start-of-frame, WebP
 * `VP8 `/`VP8L`/`VP8X`) so that a pixel bomb is refused before any decoder allocates for it; null when the
 * header cannot be found (the file is then treated as corrupt).
 */
export function declaredImageSize(
  b: Uint8Array,
  type: RasterImageType,
): { width: number; height: number } | null {
  const u16be = (i: number) => (b[i]! << 8) | b[i + 1]!;
  const u32be = (i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
  const u16le = (i: number) => b[i]! | (b[i + 1]! << 8);
  const u24le = (i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
  switch (type) {
    case 'image/png':
      return b.length >= 24 ? { width: u32be(16), height: u32be(20) } : null;
    case 'image/jpeg': {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return null;
        const marker = b[i + 1]!;
        if (marker === 0xff) {
          i++;
          continue;
        }
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): height then width.
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
          return { width: u16be(i + 7), height: u16be(i + 5) };
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          i += 2;
          continue;
        }
        i += 2 + u16be(i + 2);
      }
      return null;
    }
    case 'image/webp': {
      if (b.length < 30) return null;
      const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
      if (chunk === 'VP8X') return { width: u24le(24) + 1, height: u24le(27) + 1 };
      if (chunk === 'VP8 ') return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
      if (chunk === 'VP8L' && b[20] === 0x2f) {
        const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
        return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      }
      return null;
    }
  }
}

/** Refuses a picture whose declared size is absurd before anything decodes it (IMAGE_TOO_MANY_PIXELS). */
export function checkImageDimensions(size: { width: number; height: number }): void {
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw imageRefusal('IMAGE_CORRUPT', 'The image has no readable size.', { width, height });
  if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE || width * height > IMAGE_MAX_PIXELS)
    throw imageRefusal('IMAGE_TOO_MANY_PIXELS', 'The image declares too many pixels to be resized safely.', {
      width,
      height,
      maxPixels: IMAGE_MAX_PIXELS,
    });
}

/**
 * The size of the small rendition: at most 480 px wide, the same proportions, never larger than the original
 * (a small image keeps its size and is only re-encoded), at least 1 px high.
 */
export function smallRenditionSize(size: { width: number; height: number }): {
  width: number;
  height: number;
} {
  checkImageDimensions(size);
  const width = Math.min(size.width, IMAGE_RENDITION.maxWidth);
  const height = Math.max(1, Math.round((size.height * width) / size.width));
  return { width, height };
}

/**
 * Where the small rendition of an image is kept: beside the original, `<name>.480w.webp` (`media/poster.jpg` →
 * `media/poster.480w.webp`, `videos/<id>/poster.jpg` → `videos/<id>/poster.480w.webp`). Null for a key that is
 * not an image (by its extension) or is itself a rendition.
 */
export function smallRenditionKey(key: string): string | null {
  const m = /^(.*\/)?([^/]+)\.(jpe?g|png|webp)$/i.exec(key);
  if (!m || /\.\d+w$/.test(m[2]!)) return null;
  return `${m[1] ?? ''}${m[2]}.${IMAGE_RENDITION.maxWidth}w.${IMAGE_RENDITION.extension}`;
}
