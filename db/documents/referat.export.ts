import type { Kysely } from 'kysely';
import { referatCollectionFileName, referatFileName } from '../../common/documents/referat.format';
import { renderReferatCollectionHtml, renderReferatHtml } from '../../common/documents/referat.html';
import { renderReferatCollectionMarkdown, renderReferatMarkdown } from '../../common/documents/referat.markdown';
import type { ReferatCollectionFilter, ReferatFormat, ReferatOptions } from '../../common/documents/referat.model';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import { renderReferatCollectionDocx, renderReferatDocx } from './referat.docx';
import { loadReferat, loadReferatCollection } from './referat.model';

/** HTML → PDF bytes; main/pdf provides Chromium- and Electron-based ones. */
export type HtmlToPdf = (html: string) => Promise<Uint8Array>;

export interface ReferatFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** One meeting's referat as a file, shared by the IPC handler and the CLI. */
export async function exportReferat(db: Kysely<Database>, meetingId: string, format: ReferatFormat, options: Partial<ReferatOptions>, pdf: HtmlToPdf): Promise<ReferatFile> {
  const referat = await loadReferat(db, meetingId, options);
  const fileName = referatFileName(referat, format);
  if (format === 'docx') return { fileName, bytes: await renderReferatDocx(referat) };
  if (format === 'pdf') return { fileName, bytes: await pdf(renderReferatHtml(referat)) };
  return { fileName, bytes: new TextEncoder().encode(renderReferatMarkdown(referat)) };
}

/** Several meetings' referater in one file. */
export async function exportReferatCollection(
  db: Kysely<Database>,
  filter: ReferatCollectionFilter,
  format: ReferatFormat,
  options: Partial<ReferatOptions>,
  pdf: HtmlToPdf,
): Promise<ReferatFile & { readonly meetings: number }> {
  const collection = await loadReferatCollection(db, filter, options);
  if (collection.referater.length === 0) throw new AppError('NOT_FOUND', 'Ingen møder passer til udvalget, så der er intet referat at samle.');
  const fileName = referatCollectionFileName(collection, format);
  const meetings = collection.referater.length;
  if (format === 'docx') return { fileName, meetings, bytes: await renderReferatCollectionDocx(collection) };
  if (format === 'pdf') return { fileName, meetings, bytes: await pdf(renderReferatCollectionHtml(collection)) };
  return { fileName, meetings, bytes: new TextEncoder().encode(renderReferatCollectionMarkdown(collection)) };
}
