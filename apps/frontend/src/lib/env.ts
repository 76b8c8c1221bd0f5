import { z } from 'zod';

/**
 * Settings read from the environment at request time, never at build time: one image serves
 * every environment, and a changed ConfigMap shows after a restart with no rebuild.
 */
const envSchema = z.object({
  APP_TITLE: z
    .string()
    .trim()
    .min(1)
    .max(80, { error: 'must be at most 80 characters' })
    .default('Todo'),
  APP_BANNER: z.string().trim().max(300, { error: 'must be at most 300 characters' }).default(''),
  BACKEND_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/?$/, { error: 'must be an origin such as http://backend:3000' })
    .default('http://127.0.0.1:3000'),
});

export type FrontendEnv = z.output<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): FrontendEnv {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  const result = envSchema.safeParse(relevant);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}
