import type { TFunction } from 'i18next';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Upload } from 'tus-js-client';
import { csrfTokenForUpload } from '../../api/client';
import { videoUploadsUrl } from '../../api/teaching-api';
import { FileField } from '../../components/file-field';
import { LiveMessage } from '../../components/live-message';
import { shouldRetryUpload, tusErrorCode, uploadPercent } from './video-lesson-edit';

interface VideoUploadFieldProps {
  courseId: string;
  inputId: string;
  /** The upload finished and the api accepted the video: its id (the upload's). */
  onUploaded: (videoId: string) => void;
}

/** Pieces of 5 MB: a dropped connection loses at most one, and the server's offset says where to go on. */
const CHUNK_BYTES = 5 * 1024 * 1024;
/** Waits before each new try after a dropped connection (then the teacher may go on by hand). */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; name: string; percent: number; retrying: boolean }
  | { phase: 'stalled'; name: string; percent: number }
  | { phase: 'done'; name: string }
  | { phase: 'refused'; name: string; code: string };

/**
 * Uploads a video over tus (tus-js-client, loaded only when a teacher picks a file): the bytes go in 5 MB
 * pieces with a real progress bar; a dropped connection is retried, and when the retries run out the teacher
 * can go on from where the server stopped (the upload's URL is kept in localStorage under the file's
 * fingerprint, so even a reloaded page picks up the same upload). A refusal (the file was checked by its bytes
 * and ffprobe on the server) is said in plain words, by its code.
 */
export function VideoUploadField({ courseId, inputId, onUploaded }: VideoUploadFieldProps) {
  const { t } = useTranslation();
  const upload = useRef<Upload | undefined>(undefined);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [fileName, setFileName] = useState<string>();

  async function start(file: File) {
    const name = file.name.normalize('NFC');
    setState({ phase: 'sending', name, percent: 0, retrying: false });
    try {
      const [{ Upload: TusUpload }, token] = await Promise.all([
        import('tus-js-client'),
        csrfTokenForUpload(),
      ]);
      const tus: Upload = new TusUpload(file, {
        endpoint: videoUploadsUrl(courseId),
        headers: { 'x-csrf-token': token },
        metadata: { filename: name },
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) =>
          setState({ phase: 'sending', name, percent: uploadPercent(sent, total), retrying: false }),
        onShouldRetry: (error) => {
          const retry = shouldRetryUpload(error);
          if (retry) setState((s) => (s.phase === 'sending' ? { ...s, retrying: true } : s));
          return retry;
        },
        onError: (error) => {
          const code = tusErrorCode(error);
          setState((s) =>
            code === 'NETWORK_ERROR' || code === 'INTERNAL_ERROR'
              ? { phase: 'stalled', name, percent: s.phase === 'sending' ? s.percent : 0 }
              : { phase: 'refused', name, code },
          );
        },
        onSuccess: () => {
          const id = tus.url?.split('/').pop();
          setState({ phase: 'done', name });
          if (id) onUploaded(id);
        },
      });
      upload.current = tus;
      const previous = await tus.findPreviousUploads();
      if (previous[0]) tus.resumeFromPreviousUpload(previous[0]);
      tus.start();
    } catch {
      // The client or the token could not be fetched (offline): the teacher goes on by hand.
      setState({ phase: 'stalled', name, percent: 0 });
    }
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void upload.current?.abort();
    setFileName(file.name);
    void start(file);
  }

  function goOn() {
    if (state.phase !== 'stalled' || !upload.current) return;
    setState({ phase: 'sending', name: state.name, percent: state.percent, retrying: false });
    upload.current.start();
  }

  function cancel() {
    const current = upload.current;
    upload.current = undefined;
    setState({ phase: 'idle' });
    setFileName(undefined);
    // Terminate: the server deletes the bytes that arrived, and the stored URL is forgotten.
    void current?.abort(true).catch(() => undefined);
  }

  const progressId = `${inputId}-progress`;
  const sending = state.phase === 'sending' || state.phase === 'stalled';
  return (
    <div className="stack-xs">
      <FileField
        id={inputId}
        label={t('teaching.videos.upload')}
        hint={t('teaching.videos.uploadHint')}
        error={state.phase === 'refused' ? refusalText(t, state.code) : undefined}
        accept="video/*,.mp4,.mov,.webm,.mkv"
        fileName={fileName}
        onChange={onFile}
      />
      {sending && (
        <div className="stack-xs">
          <label className="progress-label" htmlFor={progressId}>
            {t('teaching.videos.uploading', { name: state.name, percent: state.percent })}
          </label>
          <progress id={progressId} className="progress" max={100} value={state.percent}>
            {state.percent} %
          </progress>
          <div className="button-row">
            {state.phase === 'stalled' && (
              <button type="button" className="button button--small" onClick={goOn}>
                {t('teaching.videos.resume')}
              </button>
            )}
            <button type="button" className="button button--small button--secondary" onClick={cancel}>
              {t('teaching.videos.cancel')}
            </button>
          </div>
        </div>
      )}
      <LiveMessage tone={state.phase === 'done' ? 'success' : 'info'}>
        {state.phase === 'stalled'
          ? t('teaching.videos.stalled', { percent: state.percent })
          : state.phase === 'sending' && state.retrying
            ? t('teaching.videos.retrying')
            : state.phase === 'done'
              ? t('teaching.videos.uploaded', { name: state.name })
              : undefined}
      </LiveMessage>
    </div>
  );
}

/** A refusal's code in plain words (docs/video-pipeline.md "Refusals"); an unknown code gets a general sentence. */
function refusalText(t: TFunction, code: string): string {
  return t(`teaching.videos.refusals.${code}`, { defaultValue: t('teaching.videos.refusals.other') });
}
