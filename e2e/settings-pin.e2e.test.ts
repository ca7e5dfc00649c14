import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { screenshot } from '../test/browser.js';
import { Resources } from '../test/integration/kitchen-harness.js';
import { openBoard, startStack } from './stack.js';

const resources = new Resources();
afterEach(() => resources.closeAll());
afterAll(() => resources.closeAll());

const PIN = '4821';

/** Page errors other than the browser's own line for a refused request (a wrong PIN is a 4xx). */
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error));

describe('the settings PIN in Chromium', () => {
  it('Settings and Reports ask for the PIN; a wrong one says so, the right one opens; the board never asks', async () => {
    const kitchen = await startStack(resources);
    await kitchen.agent!.api.setSettingsPin({ pin: PIN });
    const { page, errors } = await openBoard(resources, kitchen.boardUrl as string);

    // The board's own screen works with a PIN set: no gate on the rail.
    await page.getByTestId('tab-board').waitFor();
    expect(await page.getByTestId('pin-gate').count()).toBe(0);

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('pin-gate').waitFor();
    expect(await page.getByTestId('settings-form').count()).toBe(0);

    await page.getByTestId('pin-input').fill('1111');
    await page.getByTestId('pin-unlock').click();
    const refusal = page.getByTestId('pin-refusal');
    await refusal.waitFor();
    expect(await refusal.isVisible()).toBe(true);
    expect(await refusal.textContent()).toContain('Wrong PIN');
    expect(await refusal.textContent()).toContain('4');
    await screenshot(page, 'e2e-settings-pin-wrong');
    expect(await page.getByTestId('settings-form').count()).toBe(0);

    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('settings-form').waitFor();
    await page.getByTestId('settings-pin').waitFor();

    // Reports: asked again (leaving Settings forgot the unlock).
    await page.getByTestId('tab-reports').click();
    await page.getByTestId('pin-gate').waitFor();
    expect(await page.getByTestId('reports').count()).toBe(0);
    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('reports').waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('a PIN set in Settings locks them at the next opening, and removing it opens them again', async () => {
    const kitchen = await startStack(resources);
    const { page, errors } = await openBoard(resources, `${kitchen.boardUrl as string}#/settings`);
    await page.getByTestId('settings-pin').waitFor();
    await page.getByTestId('settings-field-pin.next').fill(PIN);
    await page.getByTestId('settings-field-pin.repeat').fill(PIN);
    await page.getByTestId('pin-save').click();
    await page.getByTestId('pin-outcome').waitFor();
    // The screen that set it stays usable: a save goes through with the unlock that came back.
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    expect((await kitchen.agent!.api.settingsLockStatus()).pinSet).toBe(true);

    await page.getByTestId('tab-board').click();
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('pin-gate').waitFor();
    await page.getByTestId('pin-input').fill(PIN);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('settings-field-pin.current').fill(PIN);
    await page.getByTestId('pin-remove').click();
    await page.getByTestId('pin-outcome').waitFor();
    expect((await kitchen.agent!.api.settingsLockStatus()).pinSet).toBe(false);
    expect(unexpected(errors)).toEqual([]);
  });
});
