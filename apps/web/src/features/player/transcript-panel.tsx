import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HtmlContent } from '../../components/html-content';
import { Loading } from '../../components/loading';
import { clockTime, currentCueIndex, type TranscriptCue, transcriptFromVtt } from './transcript';

type State = { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; cues: TranscriptCue[] };

export interface TranscriptPanelProps {
  /** The caption file the transcript is built from, and its language. */
  track: { src: string; language: string } | undefined;
  /** Whether the disclosure is open: the file downloads the first time it is. */
  open: boolean;
  /** The player's position, for the current cue. */
  playhead: number;
  /** Moves the video to a time (the player reports the seek like any other). */
  onSeek: (seconds: number) => void;
  /** The lesson's own text, shown when the captions cannot be read. */
  fallbackHtml: string;
  fallbackLang: string;
}

/**
 * The transcript of a video lesson, built from its captions: one button per cue with its time, which moves
 * the video there (Enter or Space from the keyboard); the cue being said is marked with aria-current and a
 * visible marker, not colour alone. Text is shown as text, never as HTML.
 */
export const TranscriptPanel = memo(function TranscriptPanel(props: TranscriptPanelProps) {
  const { track, open, playhead, onSeek, fallbackHtml, fallbackLang } = props;
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'idle' });
  const src = track?.src;

  // The file this panel asked for; reset when a request is cut short, so reopening asks again.
  const requested = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!open || !src || requested.current === src) return;
    requested.current = src;
    let settled = false;
    let cancelled = false;
    setState({ status: 'loading' });
    void fetch(src, { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then(
        (text) => ({ status: 'ready', cues: transcriptFromVtt(text) }) as const,
        () => ({ status: 'failed' }) as const,
      )
      .then((next) => {
        settled = true;
        if (!cancelled) setState(next);
      });
    return () => {
      cancelled = true;
      if (!settled) requested.current = undefined;
    };
  }, [open, src]);

  const cues = state.status === 'ready' ? state.cues : undefined;
  const current = useMemo(() => (cues ? currentCueIndex(cues, playhead) : -1), [cues, playhead]);

  if (!track || state.status === 'failed' || (cues && cues.length === 0))
    return <HtmlContent html={fallbackHtml} lang={fallbackLang} />;
  if (!cues) return <Loading label={t('video.transcriptLoading')} />;
  return (
    <div className="stack-sm">
      <p className="hint">{t('video.transcriptHint')}</p>
      <ol className="transcript" lang={track.language}>
        {cues.map((cue, i) => (
          <li key={`${cue.start}-${i}`}>
            <button
              type="button"
              className="transcript__cue"
              aria-current={i === current ? 'true' : undefined}
              onClick={() => onSeek(cue.start)}
            >
              <span className="transcript__time">
                <span className="visually-hidden">{t('video.transcriptSeek')} </span>
                {clockTime(cue.start)}
              </span>
              <span className="transcript__text">
                {cue.speaker && <strong>{cue.speaker}: </strong>}
                {cue.text}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
});
