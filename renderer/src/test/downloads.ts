import { onTestFinished, vi } from 'vitest';

/**
 * jsdom has no object URLs and does not download: inside a test, this records
 * what renderer/src/files.ts `downloadFile` hands the user — each file's name
 * and bytes — and restores jsdom when the test ends.
 */
export function captureDownloads(): { readonly names: string[]; readonly blobs: Blob[] } {
  const captured = { names: [] as string[], blobs: [] as Blob[] };
  const { createObjectURL, revokeObjectURL } = URL;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    captured.blobs.push(blob as Blob);
    return `blob:download-${captured.blobs.length}`;
  };
  URL.revokeObjectURL = () => undefined;
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    captured.names.push(this.download);
  });
  onTestFinished(() => {
    click.mockRestore();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });
  return captured;
}
