import { ValidationError } from '../errors/domain-error';
import { BAD_NAME_CHARS } from '../materials/detect-material-type';
import {
  AUDIO_CONTAINERS,
  AUDIO_MAX_BYTES,
  AUDIO_MAX_SECONDS,
  type AudioContainer,
  inspectAudio,
} from './audio-file';

/** The shortest narration worth a player (a file under half a second is a mistake, not a reading). */
export const NARRATION_MIN_SECONDS = 0.5;

/**
 * The first check of a narration uploaded in the studio (docs/read-aloud.md "In the studio"), before ffprobe:
 * at most AUDIO_MAX_BYTES, and one of the containers the read-aloud player plays (MP3, Ogg Opus/Vorbis, M4A) by
 * its bytes (never its name). Throws 400 with AUDIO_TOO_LARGE, AUDIO_EMPTY, AUDIO_NOT_AUDIO or AUDIO_CORRUPT.
 */
export function narrationContainer(bytes: Uint8Array): AudioContainer {
  if (bytes.length > AUDIO_MAX_BYTES) throw narrationTooLarge();
  const found = inspectAudio(bytes);
  if (!found.ok)
    throw new ValidationError(found.code, `This is not a narration the player can play: ${found.message}.`, {
      accepted: Object.values(AUDIO_CONTAINERS),
    });
  return found.container;
}

export const narrationTooLarge = () =>
  new ValidationError(
    'AUDIO_TOO_LARGE',
    `The narration is larger than ${AUDIO_MAX_BYTES / (1024 * 1024)} MB; encode it mono at 24–32 kbit/s.`,
    { maxBytes: AUDIO_MAX_BYTES },
  );

/** What ffprobe found in the file, as the rule below needs it. */
export interface ProbedAudio {
  /** Audio streams; video streams that are not a cover picture. */
  audioStreams: number;
  videoStreams: number;
  durationSeconds: number;
}

/** The measured length, or the refusal: sound required, no moving picture, within the limits. */
export function narrationDuration(probe: ProbedAudio): number {
  if (probe.videoStreams > 0)
    throw new ValidationError(
      'AUDIO_HAS_VIDEO',
      'This file has a picture track; upload the narration as sound only (MP3, M4A or Ogg).',
    );
  if (probe.audioStreams === 0) throw new ValidationError('AUDIO_NOT_AUDIO', 'This file has no sound track.');
  const seconds = Math.round(probe.durationSeconds * 100) / 100;
  if (!(seconds >= NARRATION_MIN_SECONDS) || seconds > AUDIO_MAX_SECONDS)
    throw new ValidationError(
      'AUDIO_DURATION_OUT_OF_RANGE',
      `A narration plays between ${NARRATION_MIN_SECONDS} second and ${AUDIO_MAX_SECONDS / 3600} hours; this one plays ${seconds} s.`,
      { durationSeconds: seconds, minSeconds: NARRATION_MIN_SECONDS, maxSeconds: AUDIO_MAX_SECONDS },
    );
  return seconds;
}

/**
 * The uploaded name made safe to show: NFC, trimmed, no path, no control, zero-width or bidi characters, at
 * most 200 characters, ending in the detected container's extension; an empty name becomes `narration.<ext>`.
 * Throws 400 NARRATION_NAME_INVALID (a NUL in the name is refused, not silently cut).
 */
export function narrationName(raw: string, container: AudioContainer): string {
  const name = raw.normalize('NFC').trim();
  const ext = container;
  if (name === '') return `narration.${ext}`;
  const refuse = (message: string) =>
    new ValidationError('NARRATION_NAME_INVALID', message, { field: 'name' });
  if (/[/\\]/.test(name) || name.includes('..') || name.startsWith('.'))
    throw refuse('The file name contains a folder path (/, \\ or ..); upload the file under its own name.');
  if (BAD_NAME_CHARS.test(name))
    throw refuse('The file name contains invisible or reserved characters; rename the file.');
  if ([...name].length > 200) throw refuse('The file name is longer than 200 characters; shorten it.');
  const dot = name.lastIndexOf('.');
  const own = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const fits = own === ext || (ext === 'ogg' && (own === 'opus' || own === 'oga'));
  return fits ? name : `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}
