/**
 * The preload script of the board window. It runs sandboxed (bundled to one CommonJS file, since a
 * sandboxed preload cannot load ES modules or our other files) and exposes `window.ticketrail`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('ticketrail', createBridge(ipcRenderer));
