import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boundedLogDestination } from '../../src/lib/log-destination';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the log destination', () => {
  it('drops lines past its limit while nobody reads, and reports how many once read again', async () => {
    // A pipe nobody reads yet stands for a container runtime that falls behind.
    const dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
    const fifo = join(dir, 'log');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const destination = boundedLogDestination(fifo, 64 * 1024, 50);
    try {
      await once(destination, 'ready');
      const line = `${JSON.stringify({ level: 30, msg: 'x'.repeat(200) })}\n`;
      // 1 MB of lines: far more than the pipe (64 KiB) and the buffer (64 KiB) together hold.
      for (let i = 0; i < 5_000; i++) destination.write(line);
      expect(destination.dropped).toBeGreaterThan(1_000);

      let text = '';
      const chunk = Buffer.alloc(64 * 1024);
      const deadline = Date.now() + 10_000;
      while (!text.includes('log lines dropped') && Date.now() < deadline) {
        try {
          text += chunk.subarray(0, readSync(reader, chunk)).toString();
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          await sleep(10);
        }
      }
      const report = text.split('\n').find((l) => l.includes('log lines dropped'));
      expect(JSON.parse(report as string)).toMatchObject({
        level: 40,
        dropped: expect.any(Number),
      });
      expect(text.length).toBeLessThan(256 * 1024);
    } finally {
      destination.destroy();
      closeSync(reader);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
