import { join } from 'node:path';
import type { TrayIconPaths } from './tray.js';

/**
 * Where the shell finds its files, all relative to the running main.js: it sits in dist/electron/
 * with preload.cjs, the built renderer in dist/renderer/, icons in resources/icons/, the same
 * layout in the repository and inside the packaged app (asar). Anchoring on main.js rather than
 * app.getAppPath() matters in development, where `electron dist/electron/main.js` makes the app
 * path dist/electron. Sounds are packaged twice on purpose: the renderer plays its own copies (vite
 * copies resources/sounds next to index.html), and electron-builder also puts them in the app's
 * resources folder for people and tools outside the app.
 */
export interface DesktopPaths {
  main: string;
  preload: string;
  rendererDir: string;
  rendererIndex: string;
  appIcon: string;
  trayIcons: TrayIconPaths;
  soundsDir: string;
}

export interface PathInputs {
  /** Folder of the running main.js (import.meta.dirname). */
  mainDir: string;
  /** process.resourcesPath when packaged. */
  resourcesPath?: string;
  isPackaged: boolean;
}

export const PRELOAD_FILE_NAME = 'preload.cjs';
export const MAIN_FILE_NAME = 'main.js';

export function resolveDesktopPaths(inputs: PathInputs): DesktopPaths {
  const appRoot = join(inputs.mainDir, '..', '..');
  const iconsDir = join(appRoot, 'resources', 'icons');
  const rendererDir = join(inputs.mainDir, '..', 'renderer');
  return {
    main: join(inputs.mainDir, MAIN_FILE_NAME),
    preload: join(inputs.mainDir, PRELOAD_FILE_NAME),
    rendererDir,
    rendererIndex: join(rendererDir, 'index.html'),
    appIcon: join(iconsDir, 'icon.png'),
    trayIcons: {
      initial: join(iconsDir, 'tray.png'),
      live: join(iconsDir, 'tray-live.png'),
      polling: join(iconsDir, 'tray-polling.png'),
      offline: join(iconsDir, 'tray-offline.png'),
    },
    soundsDir: inputs.isPackaged && inputs.resourcesPath ? join(inputs.resourcesPath, 'sounds') : join(appRoot, 'resources', 'sounds'),
  };
}
