import { parseWebVtt, type WebVttCue } from '@hocvuso/domain';

/** One line of the transcript: when it is said, and what (plain text, never HTML). */
export interface TranscriptCue {
  start: number;
  end: number;
  text: string;
  speaker?: string;
}

/**
 * The transcript of a video, built from its caption file with the same WebVTT parser the studio and the
 * importer validate with. A file that fails validation still gives the cues it has (the importer refuses such
 * files, so this only happens with a file changed on disk afterwards); cues with no text are skipped.
 */
export function transcriptFromVtt(vtt: string): TranscriptCue[] {
  return parseWebVtt(vtt)
    .cues.filter((c: WebVttCue) => c.plainText.length > 0)
    .map((c) => ({
      start: c.start,
      end: c.end,
      text: c.plainText,
      ...(c.speaker ? { speaker: c.speaker } : {}),
    }));
}

/** The cue being said at `time`: the last one that started at or before it and has not ended. */
export function currentCueIndex(cues: TranscriptCue[], time: number): number {
  for (let i = cues.length - 1; i >= 0; i--) {
    const cue = cues[i]!;
    if (cue.start <= time) return time < cue.end ? i : -1;
  }
  return -1;
}

/** `1:05` or `1:02:03`, as a player shows times. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The caption track for the transcript: the lesson's language, else the interface language, else the first. */
export function transcriptTrack<T extends { language: string }>(
  captions: T[],
  ...preferred: string[]
): T | undefined {
  for (const lang of preferred) {
    const hit = captions.find((c) => c.language === lang);
    if (hit) return hit;
  }
  return captions[0];
}
