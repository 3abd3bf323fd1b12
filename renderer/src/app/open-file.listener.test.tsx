import { cleanup, screen, waitFor, within } from '@testing-library/react';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Route, Switch } from 'wouter';
import type { KredsbogBridge } from '../../../common/bridge';
import { channels } from '../../../common/contract';
import { exportSync } from '../../../db/sync/sync.service';
import { createTestDatabase } from '../../../db/testing/test-database';
import { handlers } from '../../../server/handlers';
import { appShellEvents } from '../../../server/handlers/app-shell.handlers';
import { createDispatcher } from '../../../server/ipc/dispatch';
import { setBridge } from '../api';
import { SyncPage } from '../pages/sync/sync.page';
import { renderWithApp } from '../test/real-backend';
import { AppShellHost } from './about.dialog';

/**
 * As in the Electron app: the real handlers with host "electron", so opened
 * files and menu clicks queue in server/handlers/app-shell.handlers.ts.
 */
describe('opening a .kredsbog file from the desktop', () => {
  let mine: Awaited<ReturnType<typeof createTestDatabase>>;
  let other: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    mine = await createTestDatabase();
    other = await createTestDatabase();
    const dispatch = createDispatcher(handlers, { app: mine, host: 'electron', version: 'test' }, { checkOutput: true });
    const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const channel of channels) bridge[channel] = (input?: unknown) => dispatch(channel, input);
    setBridge(bridge as unknown as KredsbogBridge);
  });
  afterEach(async () => {
    cleanup();
    // Releases the listener's long poll left waiting in main.
    appShellEvents.request('about');
    appShellEvents.clear();
    setBridge(null);
    await mine.dispose();
    await other.dispose();
  });

  const app = () => (
    <>
      <AppShellHost />
      <Switch>
        <Route path="/synkronisering" component={SyncPage} />
        <Route>{() => <p>Overblik</p>}</Route>
      </Switch>
    </>
  );

  it('goes to the sync page and shows the import preview of a file opened before start', async () => {
    const file = path.join(other.dir, 'Fra kollega.kredsbog');
    await exportSync(other, { out: file, appVersion: 'test' });
    appShellEvents.openFile(file);
    const { history } = renderWithApp(app(), '/');
    const preview = await screen.findByRole('generic', { name: 'Forhåndsvisning – intet er ændret endnu' });
    expect(preview).toBeInTheDocument();
    expect(history).toContain('/synkronisering');
  });

  it('shows the preview of a file opened while Kredsbog is running, and says why another file is refused', async () => {
    renderWithApp(app(), '/');
    await screen.findByText('Overblik');
    appShellEvents.openFile(path.join(other.dir, 'Referat.docx'));
    expect(await screen.findByText('Referat.docx er ikke en Kredsbog-synkroniseringsfil (.kredsbog).')).toBeInTheDocument();

    const file = path.join(other.dir, 'Fra kollega.kredsbog');
    await exportSync(other, { out: file, appVersion: 'test' });
    appShellEvents.openFile(file);
    expect(await screen.findByRole('generic', { name: 'Forhåndsvisning – intet er ændret endnu' })).toBeInTheDocument();
  });

  it('opens "Om Kredsbog" and "Rapportér problem" from the menu', async () => {
    renderWithApp(app(), '/');
    await screen.findByText('Overblik');
    appShellEvents.request('reportProblem');
    const report = await screen.findByRole('dialog', { name: 'Rapportér problem' });
    expect(within(report).getByRole('button', { name: 'Gem diagnosefil' })).toBeInTheDocument();
    within(report).getByRole('button', { name: 'Luk' }).click();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    appShellEvents.request('about');
    expect(await screen.findByRole('dialog', { name: 'Om Kredsbog' })).toBeInTheDocument();
  });
});
