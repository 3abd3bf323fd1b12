import { z } from 'zod';

/** A long job running in the background (an import, its preview), as the window polls it. */
export const jobInfoSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;
