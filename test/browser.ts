import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: playwright-core drives it as is (no `playwright install` download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (ignored by lint). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'test-results');

/** Chromium's `--autoplay-policy` values the tests use. */
export type AutoplayPolicy = 'no-user-gesture-required' | 'document-user-activation-required';

export interface LaunchOptions {
  /**
   * Default: autoplay allowed, so the board's sounds can be observed without a click. Headless
   * Chromium ignores `document-user-activation-required`; pair it with enforceAutoplayPolicy.
   */
  autoplayPolicy?: AutoplayPolicy;
}

/** Headless Chromium for tests: no sandbox (CI runs as root), no GPU, nothing that phones home. */
export function launchBrowser({ autoplayPolicy = 'no-user-gesture-required' }: LaunchOptions = {}): Promise<Browser> {
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
      `--autoplay-policy=${autoplayPolicy}`,
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

/** One call of HTMLMediaElement.prototype.play, as recordMediaPlays saw it. */
export interface MediaPlayCall {
  /** The element's src when play() was called (an absolute URL). */
  src: string;
  /** Date.now() of the call. */
  at: number;
}

/**
 * Records every HTMLMediaElement.prototype.play() call of the page — the element's src — before
 * passing it on, so a test sees the audio element really being played, not just the board's
 * intention to (window.__ticketrailSoundLog is written before play(), whatever its outcome). Call
 * before `page.goto`, and after enforceAutoplayPolicy when both are used, so that the calls the policy
 * refuses are recorded too.
 */
export async function recordMediaPlays(page: Page): Promise<void> {
  await page.addInitScript({
    content: `(() => {
      const calls = [];
      Object.defineProperty(window, '__mediaPlayCalls', { value: calls });
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function () {
        calls.push({ src: this.currentSrc || this.src, at: Date.now() });
        return play.call(this);
      };
    })();`,
  });
}

/** The play() calls recordMediaPlays has seen so far, oldest first. */
export function mediaPlays(page: Page): Promise<MediaPlayCall[]> {
  return page.evaluate(() => [...((window as unknown as { __mediaPlayCalls?: MediaPlayCall[] }).__mediaPlayCalls ?? [])]);
}

/** The play() calls of one sound file (`receipt.wav`), by the path its element played. */
export async function soundPlays(page: Page, file: string): Promise<MediaPlayCall[]> {
  return (await mediaPlays(page)).filter((call) => new URL(call.src).pathname.endsWith(`/${file}`));
}

export interface ScreenshotOptions {
  /** Default: test-results/ (git-ignored). */
  dir?: string;
  /** Default true: the whole page; false: just the viewport. */
  fullPage?: boolean;
}

/** Saves a PNG of the page as <dir>/<name>.png (default test-results/) and returns its path. */
export async function screenshot(page: Page, name: string, { dir = SCREENSHOT_DIR, fullPage = true }: ScreenshotOptions = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
