import { describe, expect, it } from '@jest/globals';
import { hlsMasterPlaylist, videoLadder } from '@hocvuso/domain';
import { parseHlsMaster, posterFor, qualityChoices, renditionOf, startingQuality } from './renditions';

/** The master playlist the worker writes for a 720p source: 240p, 360p, 720p and sound only. */
const master720 = hlsMasterPlaylist({ width: 1280, height: 720 }, videoLadder(720));
const ladder = parseHlsMaster(master720);

describe('the renditions of a master playlist', () => {
  it("reads the worker's ladder: three pictures low to high, then sound only", () => {
    expect(ladder).toEqual([
      { uri: '240p/index.m3u8', bandwidth: 400_400, height: 240 },
      { uri: '360p/index.m3u8', bandwidth: 875_600, height: 360 },
      { uri: '720p/index.m3u8', bandwidth: 2_890_800, height: 720 },
      { uri: 'audio/index.m3u8', bandwidth: 70_400, height: null },
    ]);
    expect(qualityChoices(ladder)).toEqual(['audio', '240p', '360p', '720p', 'auto']);
  });

  it('reads a playlist written by other tools (CRLF, comments between, no codecs)', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=900000,RESOLUTION=854x480',
      '# a comment',
      'https://cdn.example/v/480.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=64000',
      'sound.m3u8',
      '',
    ].join('\r\n');
    expect(parseHlsMaster(text)).toEqual([
      { uri: 'https://cdn.example/v/480.m3u8', bandwidth: 900_000, height: 480 },
      { uri: 'sound.m3u8', bandwidth: 64_000, height: null },
    ]);
  });

  it('finds nothing in what is not a master playlist, and skips broken entries', () => {
    expect(parseHlsMaster('<html>not found</html>')).toEqual([]);
    expect(parseHlsMaster('')).toEqual([]);
    // A media playlist (segments, no variants).
    expect(parseHlsMaster('#EXTM3U\n#EXTINF:4.0,\nseg0.ts\n')).toEqual([]);
    const broken = [
      '#EXTM3U',
      '#EXT-X-STREAM-INF:RESOLUTION=426x240', // no bandwidth
      'a.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=0,RESOLUTION=426x240', // zero
      'b.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=500000,CODECS="avc1.4d401f,mp4a.40.2"', // a picture without its size
      'c.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240', // the URI line is missing
    ].join('\n');
    expect(parseHlsMaster(broken)).toEqual([]);
  });
});

describe('where the player starts', () => {
  it('adapts to the network (auto) when low-data mode is off, whatever the connection', () => {
    expect(startingQuality(ladder, false)).toBe('auto');
    expect(startingQuality(ladder, false, { effectiveType: '2g' })).toBe('auto');
  });

  it('starts on 240p in low-data mode, on 3G or where the browser says nothing', () => {
    expect(startingQuality(ladder, true)).toBe('240p');
    expect(startingQuality(ladder, true, { effectiveType: '3g' })).toBe('240p');
    expect(renditionOf(ladder, '240p')?.uri).toBe('240p/index.m3u8');
  });

  it('starts on sound only in low-data mode on 2G, where 240p would stall', () => {
    expect(startingQuality(ladder, true, { effectiveType: '2g' })).toBe('audio');
    expect(startingQuality(ladder, true, { effectiveType: 'slow-2g' })).toBe('audio');
    expect(renditionOf(ladder, 'audio')?.uri).toBe('audio/index.m3u8');
  });

  it('takes the lowest picture a small source has, and sound only when there is no picture', () => {
    const small = parseHlsMaster(hlsMasterPlaylist({ width: 320, height: 180 }, videoLadder(180)));
    expect(startingQuality(small, true)).toBe('180p');
    const soundOnly = ladder.filter((r) => r.height === null);
    expect(startingQuality(soundOnly, true, { effectiveType: '4g' })).toBe('audio');
    // On 2G without a sound-only rendition: the lowest picture, the least there is.
    const picturesOnly = ladder.filter((r) => r.height !== null);
    expect(startingQuality(picturesOnly, true, { effectiveType: 'slow-2g' })).toBe('240p');
  });

  it('leaves it to the player when the playlist lists nothing usable', () => {
    expect(startingQuality([], true)).toBe('auto');
    expect(renditionOf(ladder, 'auto')).toBeUndefined();
    expect(renditionOf(ladder, '1080p')).toBeUndefined();
  });

  it('picks the cheaper of two renditions of one height', () => {
    const two = parseHlsMaster(
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=426x240\nhi.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=426x240\nlo.m3u8\n',
    );
    expect(renditionOf(two, '240p')?.uri).toBe('lo.m3u8');
  });
});

describe('posterFor (low-data images)', () => {
  const both = { poster: '/media/c/media/p.jpg', posterSmall: '/media/c/media/p.480w.webp?v=1' };
  it('shows the small copy in low-data mode and the poster otherwise', () => {
    expect(posterFor(both, true)).toBe(both.posterSmall);
    expect(posterFor(both, false)).toBe(both.poster);
  });
  it('falls back to the poster when there is no small copy, and to nothing without a poster', () => {
    expect(posterFor({ ...both, posterSmall: null }, true)).toBe(both.poster);
    expect(posterFor({ poster: null, posterSmall: null }, true)).toBeNull();
    expect(posterFor({ poster: null, posterSmall: null }, false)).toBeNull();
  });
});
