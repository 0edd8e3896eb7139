import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { unstable_HistoryRouter as HistoryRouter } from 'react-router';
import { restoreDisplayPreferences } from './session/display-preferences';
import { createQueryClient } from './api/query';
import { appHistory } from './components/history';
import { AppRoutes } from './app/router';
import { OfflineSyncRunner, registerServiceWorker, UpdatePrompt } from './features/offline/shell';
import { SessionProvider } from './session/session';
import { initI18n } from './i18n/i18n';
import './styles.css';

const queryClient = createQueryClient();

// Large text and high contrast apply before the first paint, from what this device remembers.
restoreDisplayPreferences();

// The service worker keeps the learner shell for offline use and offers updates (docs/offline.md).
registerServiceWorker();

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <HistoryRouter history={appHistory}>
            <AppRoutes />
          </HistoryRouter>
          <OfflineSyncRunner />
          <UpdatePrompt />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
});
