/**
 * react-i18next imports `useSyncExternalStore` from the `use-sync-external-store/shim` package, written for React
 * before 18. React 19 has the hook, and the shim's production build hands back React's own when it exists, so
 * its fallback code is dead weight in the learner shell (about 0.4 KiB gzip): vite.config.ts points the import
 * here instead (docs/low-data.md).
 */
export { useSyncExternalStore } from 'react';
