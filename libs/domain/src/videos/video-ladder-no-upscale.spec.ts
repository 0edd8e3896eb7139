import { hlsMasterPlaylist, rungWidth, transcodeProgress, videoLadder } from './video-ladder';

describe('videoLadder: never upscale, always at least one rung', () => {
  it('a 1080p or 720p source gets 240p, 360p and 720p', () => {
    expect(videoLadder(1080).map((r) => r.name)).toEqual(['240p', '360p', '720p']);
    expect(videoLadder(720).map((r) => r.name)).toEqual(['240p', '360p', '720p']);
  });
  it('a 480p source skips 720p; a 360p source keeps 240p and 360p', () => {
    expect(videoLadder(480).map((r) => r.name)).toEqual(['240p', '360p']);
    expect(videoLadder(360).map((r) => r.name)).toEqual(['240p', '360p']);
    expect(videoLadder(359).map((r) => r.name)).toEqual(['240p']);
  });
  it('a source smaller than 240p keeps one rung at its own (even) height', () => {
    expect(videoLadder(144)).toEqual([expect.objectContaining({ name: '144p', height: 144 })]);
    expect(videoLadder(121)).toEqual([expect.objectContaining({ name: '120p', height: 120 })]);
  });
  it('widths keep the aspect ratio and are even', () => {
    expect(rungWidth({ width: 1280, height: 720 }, 240)).toBe(426);
    expect(rungWidth({ width: 1280, height: 720 }, 360)).toBe(640);
    expect(rungWidth({ width: 720, height: 1280 }, 360)).toBe(202);
  });
});

describe('transcodeProgress', () => {
  it('is whole percent of the duration, 0 before the start, at most 99 until ffmpeg ends', () => {
    expect(transcodeProgress(0, 60)).toBe(0);
    expect(transcodeProgress(30_000_000, 60)).toBe(50);
    expect(transcodeProgress(61_000_000, 60)).toBe(99);
    expect(transcodeProgress(5_000_000, 0)).toBe(0);
    expect(transcodeProgress(-1, 60)).toBe(0);
  });
});

describe('hlsMasterPlaylist', () => {
  it('lists each video rung low to high, then the audio-only rendition', () => {
    const text = hlsMasterPlaylist({ width: 1280, height: 720 }, videoLadder(720));
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toEqual(['240p/index.m3u8', '360p/index.m3u8', '720p/index.m3u8', 'audio/index.m3u8']);
    expect(text).toContain('RESOLUTION=426x240');
    expect(text).toContain('RESOLUTION=1280x720');
    expect(text).toMatch(
      /#EXT-X-STREAM-INF:BANDWIDTH=70400,AVERAGE-BANDWIDTH=64000,CODECS="mp4a.40.2"\naudio/,
    );
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
  });
});
