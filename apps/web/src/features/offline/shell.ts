// What the app shell itself needs of offline learning (main.tsx): kept apart from index.ts so the download panel
// and the course download load with the course page, not in the shell every visitor downloads.
export { UpdatePrompt } from './update-prompt';
export { OfflineSyncRunner } from './offline-sync-runner';
export { registerServiceWorker } from './service-worker-registration';
