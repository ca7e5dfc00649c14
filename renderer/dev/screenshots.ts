/**
 * DEV ONLY — builds nothing, just looks: opens the built board (dist/renderer) on the sample
 * preview server in headless Chromium and saves screenshots. Prints console errors (CSP violations
 * show up there) and the sound log. Run after `npm run build:renderer`:
 *
 * - `npx tsx renderer/dev/screenshots.ts` — every screen and state worth a look, to test-results/
 *   (git-ignored);
 * - `npx tsx renderer/dev/screenshots.ts --out docs/screenshots` — just the two the README shows,
 *   rail.png and settings.png, at 1280×800, into the given directory.
 */
/* eslint-disable-next-line no-restricted-imports -- a Node dev tool living beside the renderer it shoots; never bundled. */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../../test/browser.js';
import { startPreviewServer, type PreviewServer } from './preview-server.js';

/** `--out <dir>`: where the README's screenshots go; absent, the full dev set goes to test-results/. */
function outDir(args: readonly string[]): string | undefined {
  const at = args.indexOf('--out');
  if (at === -1) return undefined;
  const dir = args[at + 1];
  if (!dir || dir.startsWith('--')) throw new Error('--out needs a directory, e.g. --out docs/screenshots');
  return resolve(dir);
}

/** The sample rail with a ticket just arrived: past its slide-in, ring lit, card 2 selected as from a bump bar. */
async function showRailWithNewTicket(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('order-card-41').waitFor();
  await fetch(`${url}/dev/add-order`, { method: 'POST' });
  await page.getByTestId('order-card-47').waitFor();
  await page.keyboard.press('2');
  await page.waitForTimeout(600);
}

/** The README's two: the rail with a ticket just arrived, and a clean settings form after Test connection. */
async function readmeShots(page: Page, url: string, dir: string): Promise<void> {
  const shot = (name: string) => screenshot(page, name, { dir, fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  await showRailWithNewTicket(page, url);
  console.log('rail:', await shot('rail'));

  await page.goto(`${url}/#/settings`);
  await page.getByTestId('test-connection').click();
  await page.getByTestId('test-connection-result').waitFor();
  // From Test connection down: its answer and the realtime fields it filled in, in one view.
  await page.getByTestId('settings-token-state').evaluate((line) => line.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0);
  console.log('settings:', await shot('settings'));
}

async function devShots(page: Page, preview: PreviewServer): Promise<void> {
  const { url } = preview;
  await showRailWithNewTicket(page, url);
  console.log('rail:', await screenshot(page, 'board-rail'));
  console.log('sound log:', JSON.stringify(await page.evaluate(() => (globalThis as { __ticketrailSoundLog?: unknown }).__ticketrailSoundLog)));

  await page.getByTestId('station-chip-bar').click();
  await page.waitForTimeout(400);
  console.log('bar only:', await screenshot(page, 'board-bar-station'));
  await page.getByTestId('station-chip-all').click();

  await page.getByTestId('action-cancel-43').click();
  await page.getByTestId('cancel-confirm').click();
  console.log('cancel refused:', await screenshot(page, 'board-cancel-dialog'));
  await page.getByTestId('cancel-dismiss').click();

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}/#/settings`);
  await page.getByTestId('settings-field-realtime.port').fill('70000');
  await page.getByTestId('settings-field-printers.1.interface').fill('usb0');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-error-realtime.port').waitFor();
  await page.getByTestId('test-connection').click();
  await page.getByTestId('test-connection-result').waitFor();
  console.log('settings top:', await screenshot(page, 'settings-top'));
  // The screen scrolls inside .screen, so bring each refusal into view before taking it.
  await page.getByTestId('settings-error-realtime.port').scrollIntoViewIfNeeded();
  console.log('settings:', await screenshot(page, 'settings-field-error'));
  await page.getByTestId('settings-error-printers.1.interface').scrollIntoViewIfNeeded();
  console.log('printer error:', await screenshot(page, 'settings-printer-error'));

  await page.goto(`${url}/#/print-log`);
  await page.getByTestId('print-log-row-job-103').waitFor();
  await page.getByTestId('preview-job-103').click();
  await page.getByTestId('preview-panel').waitFor();
  console.log('print log:', await screenshot(page, 'print-log'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  console.log('print log wide:', await screenshot(page, 'print-log-wide'));
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto(`${url}/#/board`);
  await page.getByTestId('order-card-41').waitFor();
  await preview.close();
  await page.getByTestId('agent-link-banner').waitFor();
  await page.getByTestId('action-accept-42').click();
  await page.getByTestId('error-toast').waitFor();
  console.log('agent lost:', await screenshot(page, 'board-agent-disconnected'));
}

const dir = outDir(process.argv.slice(2));
const preview = await startPreviewServer(0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[console.${message.type()}] ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) console.log(`[http ${response.status()}] ${response.url()}`);
  });
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  if (dir) await readmeShots(page, preview.url, dir);
  else await devShots(page, preview);
} finally {
  await browser.close();
  await preview.close().catch(() => undefined);
}
