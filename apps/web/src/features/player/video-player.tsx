// The video player: video.js and its stylesheet, in a chunk of their own that only video lessons download.
import 'video.js/dist/video-js.css';
import type { LessonResponse } from '@hocvuso/contracts';
import { useEffect, useRef } from 'react';
import type { Lang } from '../../api/client';
import { splitCue } from './caption-fit';
import { loadVideoJs, type VideoJs } from './load-video-js';

type Player = ReturnType<VideoJs>;
export type LessonVideo = NonNullable<LessonResponse['video']>;
export type MediaEventName = 'play' | 'pause' | 'timeupdate' | 'seeking' | 'seeked' | 'ended';

/** The speeds learners can choose; the server credits at most 2×. */
export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2];

/** A resume point this close to the end starts the video from the beginning instead. */
const RESUME_END_MARGIN_SECONDS = 5;

export interface VideoPlayerProps {
  video: LessonVideo;
  /** The interface language: the controls speak it and its captions show by default. */
  lang: Lang;
  /** The accessible name of the player region. */
  label: string;
  /**
   * Every text video.js shows or announces, in the interface language, keyed by its English text
   * (video-js-texts.ts): registered as that language of video.js, so no English is left for screen readers.
   */
  controlTexts: Record<string, string>;
  /** The name of a caption language, in that language ("Tiếng Việt", "English"). */
  captionLabel: (language: string) => string;
  /** Where to start: the last known position. */
  startAt: number;
  /**
   * Low-data mode (docs/low-data.md): nothing of the video downloads before the learner presses play (no
   * metadata either). The player never starts by itself, in either mode.
   */
  lowData?: boolean;
  onMediaEvent: (name: MediaEventName, position: number, rate: number) => void;
  onError: () => void;
  /** Called once the player exists, with ways to move, pause, play and focus it (transcript cues, pinned questions). */
  onReady?: (controls: PlayerControls) => void;
}

/** What the lesson page may do to the player. */
export interface PlayerControls {
  seek: (seconds: number) => void;
  pause: () => void;
  play: () => void;
  /** Moves the keyboard focus to the player (its shortcuts then work). */
  focus: () => void;
}

/**
 * video.js on an MP4 (and HLS when the lesson has it), with a caption track per language, the playback
 * speeds, keyboard shortcuts and resuming where the learner left off. It reports every media event that
 * matters for watch tracking; the 16:9 box around it is the caller's.
 */
export default function VideoPlayer(props: VideoPlayerProps) {
  const host = useRef<HTMLDivElement>(null);
  // The latest callbacks, without re-creating the player when the parent re-renders.
  const callbacks = useRef(props);
  callbacks.current = props;
  const { video, lang, label, controlTexts, captionLabel, startAt, lowData = false } = props;
  const preload = lowData ? 'none' : 'metadata';
  const captionKey = video.captions.map((c) => `${c.language}:${c.src}`).join('|');

  useEffect(() => {
    let player: Player | undefined;
    let cancelled = false;
    loadVideoJs(Boolean(video.hls)).then(
      (videojs) => {
        const container = host.current;
        if (cancelled || !container) return;
        // The player speaks the interface language: its dictionary is ours (complete, and reviewed), not the
        // partial one video.js ships.
        videojs.addLanguage(lang, controlTexts);
        const element = document.createElement('video');
        element.className = 'video-js vjs-big-play-centered';
        element.setAttribute('playsinline', '');
        element.setAttribute('preload', preload);
        for (const caption of video.captions) {
          const track = document.createElement('track');
          track.kind = 'captions';
          track.src = caption.src;
          track.srclang = caption.language;
          track.label = captionLabel(caption.language);
          if (caption.language === lang) track.default = true;
          element.appendChild(track);
        }
        container.appendChild(element);

        player = videojs(element, {
          controls: true,
          fill: true,
          autoplay: false,
          preload,
          poster: video.poster ?? undefined,
          language: lang,
          playbackRates: PLAYBACK_RATES,
          inactivityTimeout: 4000,
          userActions: { hotkeys: true },
          controlBar: {
            pictureInPictureToggle: false,
            // A vertical volume slider pops up instead of widening the bar; phones use their volume keys.
            volumePanel: { inline: false },
            remainingTimeDisplay: { displayNegative: false },
          },
          sources: [
            ...(video.hls ? [{ src: video.hls, type: 'application/x-mpegURL' }] : []),
            { src: video.src, type: 'video/mp4' },
          ],
        });
        const current = player;
        current.el().setAttribute('aria-label', label);
        fitCaptions(current.textTracks() as unknown as TextTrackList);

        const report = (name: MediaEventName) => () =>
          callbacks.current.onMediaEvent(name, current.currentTime() ?? 0, current.playbackRate() ?? 1);
        for (const name of ['play', 'pause', 'timeupdate', 'seeking', 'seeked', 'ended'] as const) {
          current.on(name, report(name));
        }
        current.on('error', () => callbacks.current.onError());
        const alive = () => !current.isDisposed();
        callbacks.current.onReady?.({
          seek: (seconds) => {
            if (alive()) current.currentTime(seconds);
          },
          pause: () => {
            if (alive()) current.pause();
          },
          play: () => {
            if (alive()) current.play()?.catch(() => undefined);
          },
          focus: () => {
            if (!alive()) return;
            const el = current.el() as HTMLElement;
            if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
            el.focus();
          },
        });
        current.one('loadedmetadata', () => {
          const duration = current.duration() || video.durationSeconds;
          if (startAt > 0 && startAt < duration - RESUME_END_MARGIN_SECONDS) current.currentTime(startAt);
        });
      },
      () => {
        if (!cancelled) callbacks.current.onError();
      },
    );
    return () => {
      cancelled = true;
      player?.dispose();
    };
    // The player is rebuilt only when the media (or the rendition), the language, the label or the preload
    // changes; the callbacks and texts are read when it is built.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt on these keys only, see above
  }, [video.src, video.hls, video.poster, captionKey, lang, label, preload]);

  // video.js wraps the <video> in its own element inside this one, and removes only that on dispose.
  return <div ref={host} className="video-player" />;
}

/**
 * Long cues shown as shorter consecutive ones (caption-fit.ts), in every caption track once its file is loaded
 * (video.js loads a track's file when it is first shown, so tracks switched on later are fitted then).
 */
const CUE_SETTINGS = ['vertical', 'snapToLines', 'line', 'position', 'size', 'align'] as const;

function fitCaptions(tracks: TextTrackList): void {
  const fitted = new WeakSet<TextTrack>();
  const fit = (track: TextTrack) => {
    const cues = track.cues;
    if (fitted.has(track) || !cues || cues.length === 0) return;
    fitted.add(track);
    for (const cue of Array.from(cues) as VTTCue[]) {
      const parts = splitCue({ start: cue.startTime, end: cue.endTime, text: cue.text });
      if (parts.length < 2) continue;
      // The same kind of cue as the original (video.js's vtt.js one when it draws captions itself, the
      // browser's otherwise), placed as the original was.
      const Cue = cue.constructor as typeof VTTCue;
      track.removeCue(cue);
      for (const part of parts) {
        const piece = new Cue(part.start, part.end, part.text);
        for (const setting of CUE_SETTINGS) {
          try {
            Object.assign(piece, { [setting]: cue[setting] });
          } catch {
            // A setting this kind of cue does not take: the default placement (bottom, centred) is fine.
          }
        }
        track.addCue(piece);
      }
    }
  };
  const watch = (track: TextTrack | null) => {
    if (!track) return;
    fit(track);
    track.addEventListener('loadeddata', () => fit(track));
  };
  for (let i = 0; i < tracks.length; i++) watch(tracks[i] ?? null);
  tracks.addEventListener('addtrack', (event) => watch((event as TrackEvent).track as TextTrack | null));
}
