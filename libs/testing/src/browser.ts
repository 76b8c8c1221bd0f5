import { chromium, type Browser } from 'playwright-core';
// The flags this machine needs: no sandbox as root, and no calls home from a closed network.
import CHROMIUM_ARGS from '../../../tools/browser/chromium-args.json';

/** Debian's Chromium (tools/test-services/chromium.sh installs it); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Headless Chromium with the flags of tools/browser/chromium-args.json, then `extraArgs`. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
