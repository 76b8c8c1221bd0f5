import { z } from 'zod';

/** Liveness: the process answers; no dependency is checked. */
export const healthSchema = z.object({ status: z.literal('healthy') }).meta({ id: 'Health' });

/** Readiness: 200 with `ready` when every dependency answers, else 503 with `not_ready`. */
export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({ database: z.enum(['connected', 'disconnected']) }),
  })
  .meta({ id: 'Readiness' });

export type Health = z.infer<typeof healthSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
