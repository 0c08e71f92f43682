import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run`; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
