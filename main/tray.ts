import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { ConnectionMode, ConnectionState } from '../common/kitchen-api.js';
import type { DesktopSettings } from './desktop-settings.js';

/** Tray icons: a neutral one until the agent reports, then one per connection mode. */
export type TrayIconPaths = { initial: string } & Record<ConnectionMode, string>;

export type DesktopToggle = 'startAtLogin' | 'kiosk';

export interface TrayOptions {
  icons: TrayIconPaths;
  desktop: Pick<DesktopSettings, DesktopToggle>;
  onShow(): void;
  onQuit(): void;
  onToggle(setting: DesktopToggle, enabled: boolean): void;
}

export interface TrayController {
  setConnection(connection: ConnectionState): void;
  setDesktop(desktop: Pick<DesktopSettings, DesktopToggle>): void;
  destroy(): void;
}

const MODE_TEXT: Record<ConnectionMode, string> = {
  live: 'live',
  polling: 'polling (realtime link down)',
  offline: 'offline',
};

/** The tray's status line: what a cook glancing at the taskbar needs to know. */
export function connectionLabel(connection: ConnectionState | undefined): string {
  return connection ? `Connection: ${MODE_TEXT[connection.mode]}` : 'Connection: starting…';
}

export function trayToolTip(connection: ConnectionState | undefined): string {
  return connection ? `TicketRail — ${MODE_TEXT[connection.mode]}` : 'TicketRail';
}

/**
 * The tray is the way back to a window hidden with its close button, and the only Quit: closing the
 * window keeps the agent printing. On Linux a context menu must be set again to change, so the
 * whole menu is rebuilt on every change.
 */
export function createTrayController(options: TrayOptions): TrayController {
  const tray = new Tray(nativeImage.createFromPath(options.icons.initial));
  let connection: ConnectionState | undefined;
  let desktop = options.desktop;

  const render = (): void => {
    const template: MenuItemConstructorOptions[] = [
      { id: 'connection', label: connectionLabel(connection), enabled: false },
      { type: 'separator' },
      { id: 'show', label: 'Show board', click: () => options.onShow() },
      { type: 'separator' },
      { id: 'startAtLogin', label: 'Start at login', type: 'checkbox', checked: desktop.startAtLogin, click: (item) => options.onToggle('startAtLogin', item.checked) },
      { id: 'kiosk', label: 'Kiosk mode', type: 'checkbox', checked: desktop.kiosk, click: (item) => options.onToggle('kiosk', item.checked) },
      { type: 'separator' },
      { id: 'quit', label: 'Quit TicketRail', click: () => options.onQuit() },
    ];
    tray.setToolTip(trayToolTip(connection));
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  tray.on('click', () => options.onShow());
  render();

  return {
    setConnection(next) {
      const modeChanged = next.mode !== connection?.mode;
      connection = next;
      if (!modeChanged) return;
      tray.setImage(nativeImage.createFromPath(options.icons[next.mode]));
      render();
    },
    setDesktop(next) {
      desktop = next;
      render();
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
