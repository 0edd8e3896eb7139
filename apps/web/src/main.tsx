import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { restoreDisplayPreferences } from './session/display-preferences';
import { router } from './app/router';
import { SessionProvider } from './session/session';
import { initI18n } from './i18n/i18n';
import './styles.css';

// Large text and high contrast apply before the first paint, from what this device remembers.
restoreDisplayPreferences();

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </StrictMode>,
  );
});
