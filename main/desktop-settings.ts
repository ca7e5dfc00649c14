import { z } from 'zod';
import type { AgentLogger } from '../agent/index.js';

/**
 * How the shell itself behaves on this machine. Not part of the agent's settings (the agent also
 * runs headless, where none of this means anything), so it lives beside them in the same file
 * under its own key and is changed from the tray menu.
 */
export const DesktopSettingsSchema = z.strictObject({
  /** Launch TicketRail when the user logs in (the counter PC boots straight into the board). */
  startAtLogin: z.boolean().default(false),
  /** Full screen with no way out but the tray or a keyboard: for a dedicated kitchen screen. */
  kiosk: z.boolean().default(false),
  /** Full screen, but leavable like any window. */
  fullscreen: z.boolean().default(false),
});
export type DesktopSettings = z.output<typeof DesktopSettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = DesktopSettingsSchema.parse({});

/** Where desktop settings are kept (the shared settings file, see settings-store.ts). */
export interface DesktopSettingsSlot {
  readDesktop(): unknown;
  writeDesktop(value: DesktopSettings): void;
}

/** The stored desktop settings; a broken entry falls back to defaults rather than blocking start. */
export function loadDesktopSettings(slot: DesktopSettingsSlot, logger?: AgentLogger): DesktopSettings {
  const stored = slot.readDesktop();
  if (stored === undefined) return DEFAULT_DESKTOP_SETTINGS;
  const parsed = DesktopSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  logger?.warn('desktop settings invalid, using defaults', { issues: parsed.error.issues.map((i) => i.message) });
  return DEFAULT_DESKTOP_SETTINGS;
}

export function updateDesktopSettings(slot: DesktopSettingsSlot, current: DesktopSettings, patch: Partial<DesktopSettings>): DesktopSettings {
  const next = DesktopSettingsSchema.parse({ ...current, ...patch });
  slot.writeDesktop(next);
  return next;
}
