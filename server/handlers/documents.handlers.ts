import { renderReferatHtml } from '../../common/documents/referat.html';
import { renderReferatText } from '../../common/documents/referat.text';
import { loadReferat } from '../../db/documents/referat.model';
import { chromiumPdfRenderer } from '../pdf/pdf-renderer';
import type { HandlerContext, HandlersFor } from './handler.types';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
/** Electron passes its own renderer; the browser host and tests fall back to a headless Chromium. */
const pdfOf = (context: HandlerContext) => context.pdf ?? chromiumPdfRenderer();
/** The Word/PDF writers (docx and friends) load on the first export, not with the backend: the first view does not wait for them. */
const exporter = () => import('../../db/documents/referat.export');

export const documentsHandlers: HandlersFor<'referat'> = {
  'referat.preview': async ({ meetingId, options }, { app }) => {
    const referat = await loadReferat(app.db, meetingId, options);
    return { html: renderReferatHtml(referat), text: renderReferatText(referat) };
  },
  'referat.export': async ({ meetingId, format, options }, context) => {
    const { exportReferat } = await exporter();
    const file = await exportReferat(context.app.db, meetingId, format, options, pdfOf(context));
    return { fileName: file.fileName, base64: base64(file.bytes) };
  },
  'referat.exportCollection': async ({ filter, format, options }, context) => {
    const { exportReferatCollection } = await exporter();
    const file = await exportReferatCollection(context.app.db, filter, format, options, pdfOf(context));
    return { fileName: file.fileName, base64: base64(file.bytes), meetings: file.meetings };
  },
};
