import type { LessonResponse } from '@hocvuso/contracts';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clock, lessonSpeechText, READ_ALOUD_SPEEDS, speechChunks, voiceFor } from './read-aloud-text';

type Status = 'idle' | 'playing' | 'paused' | 'stopped' | 'ended' | 'error';

/**
 * "Nghe đọc bài" on every lesson (docs/read-aloud.md): the lesson's narration file in the lesson's language when it
 * has one (a native <audio> driven by labelled buttons: play/pause, back and forward 10 s, speed); otherwise the
 * device's speech synthesis when it has a voice for the lesson's language, reading the text piece by piece;
 * otherwise a short note. Everything stops when the learner leaves the lesson. Listening earns no credit of its own:
 * the lesson completes by its own rule (docs/crediting.md).
 */
export function ReadAloud({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const track = lesson.audio.find((a) => a.language === lesson.language);
  const voice = useVoice(track ? undefined : lesson.language);
  return (
    <section className="read-aloud" aria-label={t('player.readAloud.label')}>
      {track ? (
        <NarrationPlayer src={track.src} duration={track.durationSeconds} synthetic={track.synthetic} />
      ) : voice ? (
        <SpeechReader html={lesson.html} language={lesson.language} voice={voice} />
      ) : (
        <p className="read-aloud__note muted">{t('player.readAloud.unavailable')}</p>
      )}
    </section>
  );
}

/** The device's voice for a language, once the browser has listed its voices (they load late in Chrome). */
function useVoice(language: string | undefined): SpeechSynthesisVoice | undefined {
  const [voice, setVoice] = useState<SpeechSynthesisVoice>();
  useEffect(() => {
    const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!language || !synth) return;
    const pick = () => setVoice(voiceFor(synth.getVoices(), language));
    pick();
    synth.addEventListener('voiceschanged', pick);
    return () => synth.removeEventListener('voiceschanged', pick);
  }, [language]);
  return language ? voice : undefined;
}

function StatusLine({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <p className="read-aloud__status" role="status">
      {status === 'idle' ? '' : t(`player.readAloud.status.${status}`)}
    </p>
  );
}

function SpeedChoice({ value, onChange }: { value: number; onChange: (speed: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="read-aloud__speed">
      <label htmlFor={id}>{t('player.readAloud.speed')}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {READ_ALOUD_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t('player.readAloud.speedValue', { speed: s })}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The narration file: the audio element's state drives the buttons, never the other way round. */
function NarrationPlayer({
  src,
  duration,
  synthetic,
}: {
  src: string;
  duration: number | null;
  synthetic: boolean;
}) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [status, setStatus] = useState<Status>('idle');
  const [time, setTime] = useState(0);
  const [total, setTotal] = useState(duration ?? 0);
  const [speed, setSpeed] = useState(1);

  // Leaving the lesson stops the narration (the element goes, but a paused element releases the audio at once).
  useEffect(() => {
    const el = audio.current;
    return () => el?.pause();
  }, []);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) {
      el.playbackRate = speed;
      el.play().catch(() => setStatus('error'));
    } else el.pause();
  };
  const skip = (by: number) => {
    const el = audio.current;
    if (!el) return;
    const end = Number.isFinite(el.duration) ? el.duration : total;
    el.currentTime = Math.max(0, Math.min(end || 0, el.currentTime + by));
    setTime(el.currentTime);
  };
  const changeSpeed = (s: number) => {
    setSpeed(s);
    if (audio.current) audio.current.playbackRate = s;
  };
  const playing = status === 'playing';
  return (
    <div className="read-aloud__controls stack-sm">
      <audio
        ref={audio}
        src={src}
        preload="none"
        onPlay={() => setStatus('playing')}
        onPause={(e) => setStatus(e.currentTarget.ended ? 'ended' : 'paused')}
        onEnded={() => setStatus('ended')}
        onError={() => setStatus('error')}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          if (Number.isFinite(e.currentTarget.duration)) setTotal(e.currentTarget.duration);
        }}
      />
      <div className="read-aloud__buttons">
        <button type="button" className="button button--secondary" onClick={() => skip(-10)}>
          <span aria-hidden="true">⟲ </span>
          {t('player.readAloud.back10')}
        </button>
        <button type="button" className="button" aria-pressed={playing} onClick={toggle}>
          <span aria-hidden="true">{playing ? '⏸ ' : '▶ '}</span>
          {t('player.readAloud.listen')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => skip(10)}>
          {t('player.readAloud.forward10')}
          <span aria-hidden="true"> ⟳</span>
        </button>
        <SpeedChoice value={speed} onChange={changeSpeed} />
      </div>
      <p className="read-aloud__time muted">
        <span className="visually-hidden">{t('player.readAloud.position')} </span>
        {clock(time)} / {clock(total)}
      </p>
      <StatusLine status={status} />
      {synthetic && <p className="read-aloud__note muted">{t('player.readAloud.synthetic')}</p>}
    </div>
  );
}

/** The device's voice reading the lesson's text, one piece at a time; a pause restarts the current piece. */
function SpeechReader({
  html,
  language,
  voice,
}: {
  html: string;
  language: string;
  voice: SpeechSynthesisVoice;
}) {
  const { t } = useTranslation();
  const chunks = useMemo(() => speechChunks(lessonSpeechText(html)), [html]);
  const [status, setStatus] = useState<Status>('idle');
  const [index, setIndex] = useState(0);
  const [speed, setSpeed] = useState(1);
  // Which run of speaking is current: utterances of a cancelled run must not move the reader on.
  const run = useRef(0);

  const speakFrom = useCallback(
    (from: number, rate: number) => {
      const synth = window.speechSynthesis;
      const mine = ++run.current;
      synth.cancel();
      const say = (i: number) => {
        if (run.current !== mine) return;
        if (i >= chunks.length) {
          setStatus('ended');
          setIndex(0);
          return;
        }
        setIndex(i);
        const u = new SpeechSynthesisUtterance(chunks[i]);
        u.lang = voice.lang;
        u.voice = voice;
        u.rate = rate;
        u.onend = () => say(i + 1);
        u.onerror = (e) => {
          if (run.current === mine && e.error !== 'interrupted' && e.error !== 'canceled') setStatus('error');
        };
        synth.speak(u);
      };
      setStatus('playing');
      say(from);
    },
    [chunks, voice],
  );

  const stop = useCallback((next: Status) => {
    run.current++;
    window.speechSynthesis?.cancel();
    setStatus(next);
  }, []);

  // Leaving the lesson (or its language changing) silences the voice.
  useEffect(
    () => () => {
      run.current++;
      window.speechSynthesis?.cancel();
    },
    [html, language],
  );

  const playing = status === 'playing';
  return (
    <div className="read-aloud__controls stack-sm">
      <div className="read-aloud__buttons">
        <button
          type="button"
          className="button"
          aria-pressed={playing}
          onClick={() => (playing ? stop('paused') : speakFrom(status === 'paused' ? index : 0, speed))}
        >
          <span aria-hidden="true">{playing ? '⏸ ' : '▶ '}</span>
          {t('player.readAloud.listen')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={status === 'idle' || status === 'ended'}
          onClick={() => {
            setIndex(0);
            stop('stopped');
          }}
        >
          <span aria-hidden="true">■ </span>
          {t('player.readAloud.stop')}
        </button>
        <SpeedChoice
          value={speed}
          onChange={(s) => {
            setSpeed(s);
            if (playing) speakFrom(index, s);
          }}
        />
      </div>
      {chunks.length > 0 && (
        <p className="read-aloud__time muted">
          {t('player.readAloud.piece', { number: Math.min(index + 1, chunks.length), total: chunks.length })}
        </p>
      )}
      <StatusLine status={status} />
      <p className="read-aloud__note muted">{t('player.readAloud.deviceVoice', { name: voice.name })}</p>
    </div>
  );
}
