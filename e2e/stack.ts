import type { Browser, Page } from 'playwright-core';
import { RENDERER_DIST } from '../cli/build-if-stale.js';
import { startAllInOne, type AllInOne } from '../cli/all-in-one.js';
import { freePort, tempDir, type Resources } from '../test/integration/kitchen-harness.js';
import { enforceAutoplayPolicy, launchBrowser, recordMediaPlays } from '../test/browser.js';


/** Attempts at binding the stack: a port freePort() found can be taken by a parallel test before we bind it. */
const STACK_START_ATTEMPTS = 5;

/** The all-in-one stack as `npm start` runs it, on fixed free ports so a backend can restart on its own. */
export async function startStack(resources: Resources, dataDir = tempDir(resources)): Promise<AllInOne & { dataDir: string }> {
  for (let attempt = 1; ; attempt++) {
    const ports = { board: await freePort(), backend: await freePort(), relay: await freePort(), printer: await freePort() };
    try {
      const kitchen = await startAllInOne({
        dataDir,
        ports,
        // The board's real bundle, which test/global-setup.ts builds before any test file runs.
        rendererDir: RENDERER_DIST,
        logLevel: 'silent',
        agentLogger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        driverOptions: { connectTimeoutMs: 1_000, answerTimeoutMs: 2_000 },
      });
      resources.add(() => kitchen.close());
      return { ...kitchen, dataDir };
    } catch (error) {
      // startAllInOne closes what it had started before it throws.
      if (attempt >= STACK_START_ATTEMPTS || !/EADDRINUSE/.test(String((error as Error).message))) throw error;
    }
  }
}

export interface OpenBoardOptions {
  /**
   * `gesture-required`: audio refuses to play until the page is clicked or typed into, as in a
   * desktop browser (Chromium's --autoplay-policy=document-user-activation-required, enforced with
   * enforceAutoplayPolicy: headless Chromium would play anyway). Default: autoplay allowed.
   */
  autoplay?: 'allowed' | 'gesture-required';
  /** Runs on the new page before it loads the board (routes, init scripts). */
  beforeGoto?: (page: Page) => Promise<void>;
}

/** Opens the board in a fresh Chromium; every play() of an audio element is recorded (mediaPlays). */
export async function openBoard(resources: Resources, url: string, { autoplay = 'allowed', beforeGoto }: OpenBoardOptions = {}): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await launchBrowser({ autoplayPolicy: autoplay === 'allowed' ? 'no-user-gesture-required' : 'document-user-activation-required' });
  resources.add(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  // Init scripts run in the order added: the recorder goes last so that it wraps the policy's
  // play() and sees the calls the policy refuses too.
  if (autoplay === 'gesture-required') await enforceAutoplayPolicy(page);
  await recordMediaPlays(page);
  await beforeGoto?.(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { browser, page, errors };
}
