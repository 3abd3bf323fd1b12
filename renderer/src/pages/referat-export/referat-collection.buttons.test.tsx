import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedReferatMeeting } from '../../../../db/documents/referat.test-data';
import { derivedId } from '../../../../db/ids';
import { captureDownloads } from '../../test/downloads';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { KommuneReferaterCard } from './referat-collection.buttons';

describe('Referater samlet on a kommune', () => {
  let backend: Awaited<ReturnType<typeof useRealBackend>>;
  beforeEach(async () => {
    backend = await useRealBackend();
  });
  afterEach(async () => {
    await backend.dispose();
  });

  it('exports all styringsdialog meetings of a year in Køge as one Word document', async () => {
    await seedReferatMeeting(backend.database.db);
    const { names: downloads, blobs } = captureDownloads();
    const user = userEvent.setup();
    renderWithApp(<KommuneReferaterCard kommuneId={derivedId('kommune', 259)} kommuneNavn="Køge" />);
    await user.selectOptions(screen.getByLabelText('Mødetype'), 'Styringsdialog');
    await user.selectOptions(screen.getByLabelText('År'), '2026');
    await user.click(screen.getByRole('button', { name: 'Word (.docx)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatch(/^Referater .*Køge.*\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain('Styringsrapporten for 2025');
    expect(xml).toContain('Køge Rådhus, mødelokale 2');
    expect(await screen.findByText(/1 referat gemt i/)).toBeInTheDocument();
  });
});
