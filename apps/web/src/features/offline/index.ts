export { OfflineDownloadPanel } from './download-panel';
export { UpdatePrompt } from './update-prompt';
export { OfflineSyncRunner } from './offline-sync-runner';
export { registerServiceWorker } from './service-worker-registration';
export { useOfflineReading } from './use-offline-reading';
export {
  isOfflineError,
  offlineAttempt,
  queueCompletion,
  queueHeartbeat,
  queueQuizAnswers,
} from './offline-actions';
export { lessonQueuedOnDevice, openLessonSyncFirst, syncBeforeOnline } from './sync-before-online';
export type { OpenedLesson } from './open-sync-first';
export { answerGoesToDevice, queuedAnswersOf, queueVideoAnswer } from './offline-video-answers';
export type { QueueState } from './sync-first';
