import {
  checkImageDimensions,
  declaredImageSize,
  detectRasterImage,
  IMAGE_MAX_PIXELS,
  smallRenditionKey,
  smallRenditionSize,
} from './image-rendition';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a refusal');
};

describe('small image renditions (rules)', () => {
  it('names the rendition beside the original, and only for raster images that are not renditions', () => {
    expect(smallRenditionKey('media/screen-lock.jpg')).toBe('media/screen-lock.480w.webp');
    expect(smallRenditionKey('videos/0b7e/poster.jpg')).toBe('videos/0b7e/poster.480w.webp');
    expect(smallRenditionKey('media/a.b.PNG')).toBe('media/a.b.480w.webp');
    expect(smallRenditionKey('media/x.480w.webp')).toBeNull();
    expect(smallRenditionKey('media/x.svg')).toBeNull();
    expect(smallRenditionKey('media/x.mp4')).toBeNull();
  });

  it('scales to at most 480 px wide, keeping proportions, never up', () => {
    expect(smallRenditionSize({ width: 640, height: 360 })).toEqual({ width: 480, height: 270 });
    expect(smallRenditionSize({ width: 1080, height: 1920 })).toEqual({ width: 480, height: 853 });
    expect(smallRenditionSize({ width: 300, height: 200 })).toEqual({ width: 300, height: 200 });
    expect(smallRenditionSize({ width: 4000, height: 1 })).toEqual({ width: 480, height: 1 });
  });

  it('refuses absurd or missing sizes before decoding', () => {
    expect(code(() => checkImageDimensions({ width: 0, height: 10 }))).toBe('IMAGE_CORRUPT');
    expect(code(() => checkImageDimensions({ width: 20_000, height: 1 }))).toBe('IMAGE_TOO_MANY_PIXELS');
    const side = Math.ceil(Math.sqrt(IMAGE_MAX_PIXELS)) + 1;
    expect(code(() => checkImageDimensions({ width: side, height: side }))).toBe('IMAGE_TOO_MANY_PIXELS');
    expect(() => checkImageDimensions({ width: 6000, height: 4000 })).not.toThrow();
  });

  it('reads the declared size of a WebP (VP8X, VP8L) and PNG header', () => {
    const vp8x = new Uint8Array(30);
    vp8x.set(
      [...'RIFF'].map((c) => c.charCodeAt(0)),
      0,
    );
    vp8x.set(
      [...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
      8,
    );
    vp8x.set([0xff, 0xff, 0xff], 24); // width − 1 = 16777215
    vp8x.set([0x00, 0x01, 0x00], 27); // height − 1 = 256
    expect(declaredImageSize(vp8x, 'image/webp')).toEqual({ width: 16_777_216, height: 257 });
    const vp8l = new Uint8Array(30);
    vp8l.set(
      [...'RIFF'].map((c) => c.charCodeAt(0)),
      0,
    );
    vp8l.set(
      [...'WEBPVP8L'].map((c) => c.charCodeAt(0)),
      8,
    );
    vp8l[20] = 0x2f;
    // width − 1 = 99 (14 bits), height − 1 = 49 (next 14 bits)
    const bits = 99 | (49 << 14);
    vp8l.set([bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff, bits >>> 24], 21);
    expect(declaredImageSize(vp8l, 'image/webp')).toEqual({ width: 100, height: 50 });
    expect(declaredImageSize(new Uint8Array(10), 'image/png')).toBeNull();
    expect(
      declaredImageSize(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]), 'image/jpeg'),
    ).toBeNull();
  });

  it('types images by their bytes: SVG and HTML are markup, anything else not an image', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(code(() => detectRasterImage(enc('<svg onload="x()"/>')))).toBe('IMAGE_MARKUP');
    expect(code(() => detectRasterImage(enc('<!DOCTYPE html><script>')))).toBe('IMAGE_MARKUP');
    expect(code(() => detectRasterImage(enc('%PDF-1.7\n%%EOF')))).toBe('IMAGE_NOT_AN_IMAGE');
    expect(code(() => detectRasterImage(new Uint8Array([0x4d, 0x5a, 0, 0])))).toBe('IMAGE_NOT_AN_IMAGE');
    expect(code(() => detectRasterImage(new Uint8Array()))).toBe('IMAGE_EMPTY');
    expect(detectRasterImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
  });
});
