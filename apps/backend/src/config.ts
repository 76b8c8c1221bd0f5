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

const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[\da-f:]*:[\da-f:.]*)(\/\d{1,3})?$/i;

/**
 * Which proxies may set X-Forwarded-For: none, the nearest `n` hops, or the listed addresses. Never
 * "all": the left-most entries are written by the client, so trusting them lets anyone pick the
 * address the sign-in budget is counted against.
 */
const trustedProxies = z.string().transform((text, ctx): false | number | string => {
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const value = text.trim().toLowerCase();
  if (['false', 'no', '0'].includes(value)) return false;
  if (['true', 'yes'].includes(value)) {
    return refuse(
      'true would trust every X-Forwarded-For entry, which clients can forge; give the number of proxies in front of the API (1 behind an ingress controller) or their addresses, such as 10.0.0.0/8',
    );
  }
  if (/^\d+$/.test(value)) {
    return Number(value) <= 10 ? Number(value) : refuse('must be at most 10 proxy hops');
  }
  const list = value.split(',').map((entry) => entry.trim());
  const wrong = list.filter((entry) => !IP_OR_CIDR.test(entry));
  return wrong.length === 0
    ? list.join(',')
    : refuse(
        `"${wrong.join('", "')}" is neither a number of proxy hops nor an IP address or CIDR range`,
      );
});

/** Every setting the API reads, from the environment only. Names are the variable names. */
const envSchema = z.object({
  PORT: integer(1, 65535).default(3000),
  /** Prometheus metrics get their own port, so the public one never serves them. */
  METRICS_PORT: integer(1, 65535).default(9464),
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
  TRUST_PROXY: trustedProxies.default(false),
  AUTH_RATE_LIMIT_MAX: integer(1, 100000).default(20),
  AUTH_RATE_LIMIT_WINDOW: duration(1, 86400).default(60),
  // Per-account lockout: so many failed sign-ins for one email within the window lock that email
  // for the duration. Capped at 15 minutes so nobody can lock a victim out for long.
  SIGN_IN_LOCKOUT_FAILURES: integer(3, 1000).default(10),
  SIGN_IN_LOCKOUT_WINDOW: duration(1, 86400).default(15 * 60),
  SIGN_IN_LOCKOUT_DURATION: duration(1, 15 * 60).default(5 * 60),
  SESSION_SWEEP_INTERVAL: duration(1, 86400).default(5 * 60),
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
  if (result.data.METRICS_PORT === result.data.PORT) {
    throw new ConfigError([
      `METRICS_PORT: must differ from PORT (${result.data.PORT}), or the public port would serve metrics`,
    ]);
  }
  return result.data;
}
