import { z } from 'zod';
import { parseDurationSeconds } from './lib/duration';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const duration = (min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const seconds = parseDurationSeconds(text);
    if (seconds === undefined || seconds < min || seconds > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a duration between ${min}s and ${max}s, such as 900, 30m, 12h or 7d`,
      });
      return z.NEVER;
    }
    return seconds;
  });

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

const origins = z.string().transform((text, ctx) => {
  const list = text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}" is not an origin like https://todo.local`,
      });
    }
  }
  return list;
});

/** Every setting the API reads, from the environment only. Names are the variable names. */
const envSchema = z.object({
  PORT: integer(1, 65535).default(3000),
  HOST: z.string().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_POOL_MAX: integer(1, 100).default(10),
  DATABASE_WAIT_TIMEOUT: duration(0, 3600).default(0),
  PGLITE_DATA_DIR: z.string().min(1, { error: 'must not be empty' }).default('.data/pglite'),
  MIGRATE_ON_START: booleanText.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  CORS_ORIGINS: origins.default([]),
  SESSION_TTL: duration(60, 365 * 86400).default(7 * 86400),
  COOKIE_SECURE: booleanText.default(false),
  TRUST_PROXY: booleanText.default(false),
  AUTH_RATE_LIMIT_MAX: integer(1, 100000).default(20),
  AUTH_RATE_LIMIT_WINDOW: duration(1, 86400).default(60),
  SHUTDOWN_TIMEOUT: duration(1, 300).default(10),
});

export type Config = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; the message names each variable at fault and never echoes secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = envSchema.safeParse(relevant);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return result.data;
}
