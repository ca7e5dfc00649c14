import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { electronMock, resetElectronMock } from '../test/electron-mock.js';
import { applyStartAtLogin, AUTOSTART_FILE_NAME, autostartEntry, currentLoginItemTarget, type LoginItemTarget } from './login-item.js';

beforeEach(() => resetElectronMock());

function linuxTarget(): LoginItemTarget {
  return { platform: 'linux', command: '/opt/TicketRail/ticketrail', args: [], autostartDir: join(mkdtempSync(join(tmpdir(), 'autostart-')), 'autostart') };
}

describe('start at login', () => {
  it('on Linux writes and removes an XDG autostart entry', () => {
    const target = linuxTarget();
    const file = join(target.autostartDir, AUTOSTART_FILE_NAME);
    applyStartAtLogin(true, target);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/TicketRail/ticketrail"');
    applyStartAtLogin(false, target);
    expect(existsSync(file)).toBe(false);
    applyStartAtLogin(false, target);
    expect(electronMock.loginItemSettings).toEqual([]);
  });

  it('on Windows and macOS uses app.setLoginItemSettings', () => {
    applyStartAtLogin(true, { platform: 'win32', command: 'C:\\TicketRail\\TicketRail.exe', args: [], autostartDir: '' });
    applyStartAtLogin(false, { platform: 'darwin', command: '/Applications/TicketRail.app', args: [], autostartDir: '' });
    expect(electronMock.loginItemSettings).toEqual([
      { openAtLogin: true, path: 'C:\\TicketRail\\TicketRail.exe', args: [] },
      { openAtLogin: false, path: '/Applications/TicketRail.app', args: [] },
    ]);
  });

  it('quotes Exec arguments as the Desktop Entry spec requires', () => {
    const entry = autostartEntry({ command: '/home/co$t "a"/TicketRail 100%.AppImage', args: ['/x\\y'] });
    expect(entry).toContain('Exec="/home/co\\\\$t \\\\"a\\\\"/TicketRail 100%%.AppImage" "/x\\\\\\\\y"');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });

  it('targets the AppImage file when running from one, and electron + main.js in development', () => {
    const dev = currentLoginItemTarget('/src/ticketrail/dist/electron/main.js', { XDG_CONFIG_HOME: '/cfg' });
    expect(dev).toMatchObject({ command: process.execPath, args: ['/src/ticketrail/dist/electron/main.js'], autostartDir: join('/cfg', 'autostart') });
    electronMock.isPackaged = true;
    expect(currentLoginItemTarget('/x/main.js', { APPIMAGE: '/apps/TicketRail.AppImage' })).toMatchObject({ command: '/apps/TicketRail.AppImage', args: [] });
  });
});
