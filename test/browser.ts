import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: playwright-core drives it as is (no `playwright install` download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (ignored by lint). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'test-results');

/**
 * Headless Chromium for tests: no sandbox (CI runs as root), no GPU, nothing that phones home,
 * and autoplay allowed so the board's sounds can be observed without a click.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * Makes the page refuse audio until a user gesture, as a desktop browser does. Headless Chromium
 * plays sound whatever `--autoplay-policy` says, so the board's "Click to enable sound" path can
 * only be tested this way. Call before `page.goto`.
 */
export async function enforceAutoplayPolicy(page: Page): Promise<void> {
  // Given as source text: a function here would be transpiled with helpers the page lacks.
  await page.addInitScript({
    // navigator.userActivation is already true under automation, so gestures are tracked here.
    content: `(() => {
      let gestured = false;
      const mark = (event) => { if (event.isTrusted) gestured = true; };
      for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, mark, true);
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function () {
        if (gestured) return play.call(this);
        return Promise.reject(new DOMException("play() failed because the user didn't interact with the document first.", 'NotAllowedError'));
      };
    })();`,
  });
}

/** Saves a PNG of the page as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
