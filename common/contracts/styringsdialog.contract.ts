import { z } from 'zod';
import { idSchema } from '../domain';
import {
  styringsdialogBoardInputSchema,
  styringsdialogBoardSchema,
  styringsdialogPairSchema,
  styringsdialogPlanInputSchema,
  styringsdialogSaveInputSchema,
  styringsdialogSchema,
} from '../styringsdialog.domain';
import { affects, readOnly, type ChannelSpec } from './query-areas';

/**
 * Channels of the styringsdialog cycle (issue 17), spread into the one
 * contract (common/contract.ts). Every channel name here starts with
 * "styringsdialog." (the handlers: server/handlers/styringsdialog.handlers.ts).
 */
export const styringsdialogContract = {
  /** The Overblik board: every pair of the year in scope, where it stands and what is late. */
  'styringsdialog.board': { input: styringsdialogBoardInputSchema, output: styringsdialogBoardSchema, affects: readOnly },
  /** The board as a spreadsheet (.xlsx, base64). */
  'styringsdialog.boardXlsx': { input: styringsdialogBoardInputSchema, output: z.object({ fileName: z.string(), base64: z.string() }), affects: readOnly },
  'styringsdialog.get': { input: styringsdialogPairSchema, output: styringsdialogSchema, affects: readOnly },
  /** The organisation page: its cycles by year. */
  'styringsdialog.forOrganisation': { input: z.object({ organisationId: idSchema }), output: z.array(styringsdialogSchema), affects: readOnly },
  /** Autosave of a pair's steps (creates the pair's row on the first save). */
  'styringsdialog.save': { input: styringsdialogSaveInputSchema, output: styringsdialogSchema, affects: affects.styringsdialog },
  /** Plans the dialogmøde (one organisation, or a joint meeting), its agenda pre-filled with last year's aftaler. */
  'styringsdialog.plan': { input: styringsdialogPlanInputSchema, output: z.object({ meetingId: idSchema }), affects: affects.styringsdialog },
} as const satisfies Record<string, ChannelSpec>;
