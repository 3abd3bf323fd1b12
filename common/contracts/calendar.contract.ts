import type { z } from 'zod';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "calendar." (the handler table for the
 * area is typed by that prefix: main/handlers/calendar.handlers.ts).
 */
export const calendarContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
