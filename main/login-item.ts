import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * "Start at login". Electron's app.setLoginItemSettings covers Windows and macOS only; on Linux
 * the freedesktop way is a .desktop file in the autostart folder, written here.
 */
export const AUTOSTART_FILE_NAME = 'org.ticketrail.app.desktop';

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  /** The program to start: the app's executable (on Linux AppImage, the AppImage file). */
  command: string;
  /** Extra arguments: in development, the main.js Electron must run. */
  args: string[];
  /** Linux: the XDG autostart folder. */
  autostartDir: string;
}

/** What to launch for this process: packaged, the app itself; in development, electron + main.js. */
export function currentLoginItemTarget(devEntry: string, env: NodeJS.ProcessEnv = process.env): LoginItemTarget {
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return {
    platform: process.platform,
    // An AppImage runs from a temporary mount; only $APPIMAGE is stable across boots.
    command: env.APPIMAGE || process.execPath,
    args: app.isPackaged ? [] : [devEntry],
    autostartDir: join(configHome, 'autostart'),
  };
}

export function applyStartAtLogin(enabled: boolean, target: LoginItemTarget): void {
  if (target.platform === 'linux') {
    const file = join(target.autostartDir, AUTOSTART_FILE_NAME);
    if (!enabled) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(target.autostartDir, { recursive: true });
    writeFileSync(file, autostartEntry(target), { mode: 0o644 });
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, path: target.command, args: target.args });
}

export function autostartEntry(target: Pick<LoginItemTarget, 'command' | 'args'>): string {
  const exec = [target.command, ...target.args].map(quoteExecArgument).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=TicketRail', 'Comment=Kitchen display and print agent', `Exec=${exec}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/**
 * Desktop Entry Exec quoting, two levels as the spec defines them: first each argument is put in
 * double quotes with `"`, `` ` ``, `$` and `\` backslash-escaped (and `%` doubled, since it starts a
 * field code); then the whole value gets the string escaping of any entry value (`\` doubled).
 */
function quoteExecArgument(argument: string): string {
  const quoted = `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
  return quoted.replace(/\\/g, '\\\\');
}
