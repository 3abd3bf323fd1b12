import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedReferatMeeting } from '../../../../db/documents/referat.test-data';
import { captureDownloads } from '../../test/downloads';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { ReferatExportDialog } from './referat-export.dialog';

describe('Eksportér referat', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(async () => {
    await backend.dispose();
  });

  const previewFrame = () => screen.getByTitle('Forhåndsvisning af referat');

  it('previews the referat in a sandboxed frame and follows the chosen sections', async () => {
    const { meetingId } = await seedReferatMeeting(backend.database.db);
    const user = userEvent.setup();
    renderWithApp(<ReferatExportDialog meetingId={meetingId} onClose={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'Eksportér referat' })).toBeInTheDocument();
    await waitFor(() => expect(previewFrame()).toBeInTheDocument());
    expect(previewFrame()).toHaveAttribute('sandbox', '');
    const srcdoc = () => previewFrame().getAttribute('srcdoc') ?? '';
    expect(srcdoc()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(srcdoc()).toContain('<h2>Afbud</h2>');
    expect(srcdoc()).toContain('Jørgen Æbelø');

    await user.click(screen.getByRole('checkbox', { name: 'Afbud' }));
    await waitFor(() => expect(srcdoc()).not.toContain('<h2>Afbud</h2>'));
    expect(srcdoc()).toContain('<h2>Deltagere</h2>');
  });

  it('downloads the chosen format with only the chosen sections', async () => {
    const { meetingId } = await seedReferatMeeting(backend.database.db);
    const { names: downloads, blobs } = captureDownloads();
    const user = userEvent.setup();
    renderWithApp(<ReferatExportDialog meetingId={meetingId} onClose={() => undefined} />);
    await user.click(screen.getByRole('checkbox', { name: 'Opfølgningspunkter' }));
    await user.click(screen.getByRole('button', { name: 'Markdown' }));
    await waitFor(() => expect(downloads).toEqual(['Referat 2026-11-24 Styringsdialog Køge.md']));
    const markdown = await blobs[0]!.text();
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(markdown).toContain('## Afbud');
    expect(markdown).not.toContain('## Opfølgning');
    expect(await screen.findByText('Gemt som Referat 2026-11-24 Styringsdialog Køge.md.')).toBeInTheDocument();
  });

  it('copies the referat as text for an e-mail and closes on Escape', async () => {
    const { meetingId } = await seedReferatMeeting(backend.database.db);
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<ReferatExportDialog meetingId={meetingId} onClose={onClose} />);
    await waitFor(() => expect(previewFrame()).toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Kopiér som tekst til e-mail' }));
    expect(await screen.findByText('Referatet er kopieret. Indsæt det i din e-mail.')).toBeInTheDocument();
    const text = await navigator.clipboard.readText();
    expect(text).toContain('REFERAT: Styringsdialog');
    expect(text).toContain('Ordstyrer: Marie Stjernqvist, Borgmester, Køge Kommune');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });
});
