import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  NavigationType,
  UNSAFE_createBrowserHistory as createBrowserHistory,
  useLocation,
  useNavigationType,
  type Location,
  type To,
} from 'react-router';

/**
 * The browser history the app's router reads and writes (main.tsx: react-router's declarative `HistoryRouter`).
 * The declarative router weighs half as much as the data router on every first visit (docs/low-data.md,
 * "Budgets"); the three things the data router gave that it lacks are here: a blocker (useBlocker, for
 * unsaved changes), scroll restoration (useScrollRestoration) and whether a page is still downloading
 * (usePageLoading, in components/lazy-page.ts).
 */
const base = createBrowserHistory({ v5Compat: true });

type BlockerFunction = (args: { currentLocation: Location; nextLocation: Location }) => boolean;
interface ActiveBlocker {
  shouldBlock: BlockerFunction;
  blocked(retry: () => void): void;
}

/** The one blocker on screen (the studio's editor), if any. */
let active: ActiveBlocker | undefined;
/** The back or forward step that undoes a blocked one: not shown, and not checked again. */
let undoingPop = false;
/** A blocked back or forward step the person chose to go on with: not checked again. */
let allowNextPop = false;

const locationOf = (to: To): Location => {
  const url = base.createURL(to);
  return { pathname: url.pathname, search: url.search, hash: url.hash, state: null, key: 'blocked' };
};

function guarded(to: To, go: () => void): void {
  if (active?.shouldBlock({ currentLocation: base.location, nextLocation: locationOf(to) })) {
    active.blocked(go);
    return;
  }
  go();
}

export const appHistory: typeof base = {
  get action() {
    return base.action;
  },
  get location() {
    return base.location;
  },
  createHref: (to) => base.createHref(to),
  createURL: (to) => base.createURL(to),
  encodeLocation: (to) => base.encodeLocation(to),
  go: (delta) => base.go(delta),
  push: (to, state) => guarded(to, () => base.push(to, state)),
  replace: (to, state) => guarded(to, () => base.replace(to, state)),
  listen(listener) {
    let shown = base.location;
    return base.listen((update) => {
      if (undoingPop) {
        undoingPop = false;
        return;
      }
      const { delta } = update;
      const allowed = allowNextPop;
      allowNextPop = false;
      // Back or forward (the browser's buttons): the address has changed already; undo the step, ask, redo it.
      // A push or replace was asked before it happened (`guarded`), and its delta is 1 or 0 too: not a pop.
      if (
        !allowed &&
        update.action === NavigationType.Pop &&
        delta !== null &&
        delta !== 0 &&
        active?.shouldBlock({ currentLocation: shown, nextLocation: update.location })
      ) {
        undoingPop = true;
        base.go(-delta);
        active.blocked(() => {
          allowNextPop = true;
          base.go(delta);
        });
        return;
      }
      shown = update.location;
      listener(update);
    });
  },
};

export interface Blocker {
  state: 'unblocked' | 'blocked';
  proceed(): void;
  reset(): void;
}

/**
 * Holds a navigation to another page of the app while `shouldBlock` says so (react-router's data-router
 * `useBlocker`, for the declarative router): links, `navigate()` and the browser's back and forward buttons.
 */
export function useBlocker(shouldBlock: BlockerFunction): Blocker {
  const [retry, setRetry] = useState<(() => void) | undefined>();
  const latest = useRef(shouldBlock);
  latest.current = shouldBlock;
  useEffect(() => {
    const mine: ActiveBlocker = {
      shouldBlock: (args) => latest.current(args),
      blocked: (go) => setRetry(() => go),
    };
    active = mine;
    return () => {
      if (active === mine) active = undefined;
    };
  }, []);
  return {
    state: retry ? 'blocked' : 'unblocked',
    proceed() {
      if (!retry) return;
      setRetry(undefined);
      retry();
    },
    reset: () => setRetry(undefined),
  };
}

const SCROLL_KEY = 'hvs.scroll';

function savedPositions(): Record<string, number> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** A `#fragment`'s element id (a malformed escape is taken as written). */
function fragment(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

/**
 * Where each page of this tab's history was scrolled to: back and forward return there (also after a reload),
 * a new page starts at its top, or at its `#fragment`.
 */
export function useScrollRestoration(): void {
  const location = useLocation();
  const action = useNavigationType();
  const [positions] = useState(savedPositions);

  useEffect(() => {
    window.history.scrollRestoration = 'manual';
    const save = () => {
      try {
        sessionStorage.setItem(SCROLL_KEY, JSON.stringify(positions));
      } catch {
        // Private mode or storage full: positions last until the tab reloads.
      }
    };
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      window.history.scrollRestoration = 'auto';
    };
  }, [positions]);

  useEffect(() => {
    const record = () => {
      positions[location.key] = window.scrollY;
    };
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, [positions, location.key]);

  useLayoutEffect(() => {
    const saved = positions[location.key];
    if (action === 'POP' && typeof saved === 'number') {
      window.scrollTo(0, saved);
      return;
    }
    const target = location.hash && document.getElementById(fragment(location.hash));
    if (target) target.scrollIntoView();
    else if (action !== 'POP') window.scrollTo(0, 0);
  }, [positions, location.key, location.hash, action]);
}
