// First: sends the first view's reads before the modules below are evaluated.
import { firstReads, settingsRead } from './first-reads';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { App } from './app/app';
import './app/styles.css';
import { ToastProvider } from './components/toast.component';
import { createI18n, switchLanguage } from './i18n/i18n';

async function boot(): Promise<void> {
  // Start-up phases for the bench (bench/bench.ts reads these marks): every module evaluated, settings here, first render asked.
  performance.mark('kredsbog:moduler');
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } } });
  // The first view's reads went out before this code was evaluated (first-reads.ts); their answers fill the cache.
  for (const { channel, answer } of firstReads) void queryClient.prefetchQuery({ queryKey: [channel, null], queryFn: () => answer });
  const settings = await settingsRead;
  performance.mark('kredsbog:indstillinger');
  if (settings) queryClient.setQueryData(['settings.get', null], settings);
  const i18n = createI18n('da');
  if (settings?.language && settings.language !== 'da') await switchLanguage(i18n, settings.language);
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
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
