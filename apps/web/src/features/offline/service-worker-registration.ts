/**
 * Registers /sw.js and tells listeners when a new version is installed and waiting,
 * so the page can offer "Tải lại" instead of switching files under a running page.
 */
type Listener = (waiting: ServiceWorker) => void;
const listeners = new Set<Listener>();
let waitingWorker: ServiceWorker | undefined;

function announce(worker: ServiceWorker) {
  waitingWorker = worker;
  for (const l of listeners) l(worker);
}

/** Calls `listener` when a new version waits (at once if one already does). Returns the unsubscribe function. */
export function onUpdateWaiting(listener: Listener): () => void {
  listeners.add(listener);
  if (waitingWorker) listener(waitingWorker);
  return () => listeners.delete(listener);
}

/** Asks the waiting version to take over; the page reloads once it controls it. */
export function applyUpdate(worker: ServiceWorker): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  worker.postMessage({ type: 'SKIP_WAITING' });
}

export function registerServiceWorker(): void {
  // Only a build has /sw.js (the Vite plugin writes it); under `vite` dev the registration fails quietly.
  if (!('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(
    (registration: ServiceWorkerRegistration | undefined) => {
      // Service workers blocked (a browser setting, an automation flag): the registration is empty.
      if (!registration) return;
      // A version already waiting (installed while another tab was open), or one that installs later.
      if (registration.waiting && hadController) announce(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          // The first install has no page to update: it just takes over on the next load.
          if (installing.state === 'installed' && navigator.serviceWorker.controller) announce(installing);
        });
      });
      // Look for a new version when the learner comes back to the app.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
      });
    },
    () => undefined,
  );
}
