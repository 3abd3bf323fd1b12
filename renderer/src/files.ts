/**
 * Files in and out of the renderer. Exports cross IPC as base64 and become a
 * download (Electron shows its save dialog); chosen files are read as base64
 * for the contract. The MIME type follows the file name's extension.
 */
const mimeTypes: Readonly<Record<string, string>> = {
  kredsbog: 'application/gzip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  md: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  ics: 'text/calendar;charset=utf-8',
  vcf: 'text/vcard;charset=utf-8',
  zip: 'application/zip',
  json: 'application/json',
};

export function downloadFile(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeTypes[extension] ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** base64 of a chosen file (a FileReader data URL without its prefix). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
