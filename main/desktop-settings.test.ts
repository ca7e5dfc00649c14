import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, loadDesktopSettings, updateDesktopSettings, type DesktopSettings } from './desktop-settings.js';
import { createRecordingLogger } from './test-fixtures.js';

function slot(initial: unknown) {
  let stored = initial;
  return { readDesktop: () => stored, writeDesktop: (value: DesktopSettings) => void (stored = value), stored: () => stored };
}

describe('desktop settings', () => {
  it('default to a normal window that does not start at login', () => {
    expect(loadDesktopSettings(slot(undefined))).toEqual({ startAtLogin: false, kiosk: false, fullscreen: false });
  });

  it('fill missing fields with defaults', () => {
    expect(loadDesktopSettings(slot({ kiosk: true }))).toEqual({ ...DEFAULT_DESKTOP_SETTINGS, kiosk: true });
  });

  it('fall back to defaults (and say so) when the stored entry is broken', () => {
    const logger = createRecordingLogger();
    expect(loadDesktopSettings(slot({ kiosk: 'yes', extra: 1 }), logger)).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(logger.entries).toHaveLength(1);
  });

  it('updates are validated and saved whole', () => {
    const s = slot(undefined);
    const next = updateDesktopSettings(s, DEFAULT_DESKTOP_SETTINGS, { startAtLogin: true });
    expect(next).toEqual({ startAtLogin: true, kiosk: false, fullscreen: false });
    expect(s.stored()).toEqual(next);
  });
});
