/**
 * The backend's heavy readers and writers, loaded on the first call that needs them and not with the backend: ical.js
 * and its time zones, exceljs, iconv-lite, papaparse and the zip writer made up half of what a start parsed and ran
 * (scripts/static-imports.test.ts keeps them out of the host's start). Handlers take them from here, one loader each.
 */
export const icsWriter = () => import('../../db/calendar/calendar.ics');
export const styringsdialogSheet = () => import('../../db/styringsdialog/styringsdialog.sheet');
export const boligomraadeListImport = () => import('../../db/boligomraader/boligomraader-list.import');
export const personData = () => import('../../db/gdpr/gdpr.repository');
