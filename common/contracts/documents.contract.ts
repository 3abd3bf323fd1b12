import type { z } from 'zod';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "referat." (the handler table for the
 * area is typed by that prefix: main/handlers/documents.handlers.ts).
 */
export const documentsContract = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
