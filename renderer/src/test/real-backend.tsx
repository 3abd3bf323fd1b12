import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { KredsbogBridge } from '../../../common/bridge';
import { channels } from '../../../common/contract';
import { createTestDatabase } from '../../../db/testing/test-database';
import { handlers } from '../../../server/handlers';
import { createDispatcher } from '../../../server/ipc/dispatch';
import { setBridge } from '../api';
import { ToastProvider } from '../components/toast.component';
import { createI18n } from '../i18n/i18n';

/**
 * Component tests run against the real handler table and a real SQLite file,
 * wired in-process in place of window.kredsbog — no mocked database.
 * (Test-only: the one place renderer code may reach db/ and main/.)
 */
export async function useRealBackend() {
  const database = await createTestDatabase();
  const dispatch = createDispatcher(handlers, { app: database, host: 'browser', version: 'test' }, { checkOutput: true });
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of channels) bridge[channel] = (input?: unknown) => dispatch(channel, input);
  setBridge(bridge as unknown as KredsbogBridge);
  return {
    database,
    dispatch,
    dispose: async () => {
      setBridge(null);
      await database.dispose();
    },
  };
}

export function renderWithApp(ui: ReactNode, path = '/') {
  const location = memoryLocation({ path, record: true });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const utils = render(
    <I18nextProvider i18n={createI18n('da')}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <Router hook={location.hook}>{ui}</Router>
        </ToastProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...utils, history: location.history ?? [] };
}
