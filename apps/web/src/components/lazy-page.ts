import { lazy, useSyncExternalStore, type ComponentType } from 'react';
import { loadSection, type Section } from '../i18n/i18n';

let downloading = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/**
 * A route's page as its own chunk, with the strings of its sections (i18n/i18n.ts), downloaded side by side
 * the first time the page opens. The router keeps the current page on screen meanwhile (navigations are
 * transitions); a failed download shows the route's error (app/route-error.tsx).
 */
export function lazyPage(load: () => Promise<ComponentType>, ...sections: Section[]): ComponentType {
  return lazy(async () => {
    downloading += 1;
    notify();
    try {
      const [Component] = await Promise.all([load(), ...sections.map((section) => loadSection(section))]);
      return { default: Component };
    } finally {
      downloading -= 1;
      notify();
    }
  });
}

/** Whether a page's chunk is downloading (the layout's progress bar). */
export function usePageLoading(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => downloading > 0,
  );
}
