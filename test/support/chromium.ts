/**
 * Debian's chromium, driven by playwright-core, with the flags this closed
 * network needs (no background connections, no component updates).
 */
import { chromium, type Browser } from 'playwright-core';
import { requireProgram } from './system-dependency';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  requireProgram(CHROMIUM_PATH, 'chromium', 'the browser tests drive it');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
