import pino from 'pino';

/** Log bytes held at most while whoever reads the log (the container runtime) falls behind. */
export const LOG_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

export type LogDestination = ReturnType<typeof pino.destination> & {
  /** Lines dropped since the last report. */
  readonly dropped: number;
};

/**
 * Where the JSON log goes: written asynchronously, many lines per write, with at most `maxBytes`
 * waiting. pino's default destination waits without limit: under a request flood with a slow log
 * reader the process grew by over 100 MiB in 15 s. Lines past the limit are dropped, and their
 * count is logged every `reportEveryMs` while it is not zero.
 */
export function boundedLogDestination(
  dest: number | string = 1,
  maxBytes = LOG_BUFFER_MAX_BYTES,
  reportEveryMs = 10_000,
): LogDestination {
  const stream = pino.destination({ dest, sync: false, maxLength: maxBytes });
  let dropped = 0;
  stream.on('drop', () => {
    dropped += 1;
  });
  setInterval(() => {
    if (dropped === 0) return;
    const line = {
      level: 40,
      time: Date.now(),
      msg: 'log lines dropped: the log reader fell behind',
      dropped,
    };
    dropped = 0;
    stream.write(`${JSON.stringify(line)}\n`);
  }, reportEveryMs).unref();
  return Object.defineProperty(stream, 'dropped', { get: () => dropped }) as LogDestination;
}
