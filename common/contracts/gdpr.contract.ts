import type { z } from 'zod';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "gdpr." (the handler table for the
 * area is typed by that prefix: main/handlers/gdpr.handlers.ts).
 */
export const gdprContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
