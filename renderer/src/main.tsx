import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { call } from './api';
import { App } from './app/app';
import './app/styles.css';
import { ToastProvider } from './components/toast.component';
import { createI18n } from './i18n/i18n';

async function boot(): Promise<void> {
  const settings = await call('settings.get').catch(() => null);
  const i18n = createI18n(settings?.language ?? 'da');
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } } });
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing in index.html');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <Router hook={useHashLocation}>
              <App />
            </Router>
          </ToastProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
