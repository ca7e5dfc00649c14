import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KITCHEN_API_METHODS, type BoardUpdate } from '../common/kitchen-api.js';
import { electronMock, ipcRenderer, resetElectronMock } from '../test/electron-mock.js';
import { createBridge, type TicketrailBridge } from './bridge.js';
import { IPC_CHANNEL_PREFIX, UPDATE_CHANNEL } from '../common/kitchen-api-methods.js';

beforeEach(() => resetElectronMock());
afterEach(() => resetElectronMock());

/** Loads the preload entry as Electron would, and returns what it exposed on `window`. */
async function exposedBridge(): Promise<TicketrailBridge> {
  await import('./index.js');
  const exposed = electronMock.exposed.get('ticketrail');
  if (!exposed) throw new Error('nothing exposed as window.ticketrail');
  return exposed as TicketrailBridge;
}

describe('preload', () => {
  it('exposes window.ticketrail with exactly the KitchenApi methods and onUpdate', async () => {
    const bridge = await exposedBridge();
    expect([...electronMock.exposed.keys()]).toEqual(['ticketrail']);
    expect(Object.keys(bridge).sort()).toEqual([...KITCHEN_API_METHODS, 'onUpdate'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('never exposes ipcRenderer or anything that reaches it', () => {
    const bridge = createBridge(ipcRenderer);
    const reachable = JSON.stringify(Object.entries(bridge).map(([key, value]) => [key, typeof value]));
    expect(reachable).not.toMatch(/invoke|send|ipc/i);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('each method invokes ticketrail:<method> with its one argument only', async () => {
    for (const method of KITCHEN_API_METHODS) electronMock.handlers.set(`ticketrail:${method}`, () => ({ ok: true, value: method }));
    const bridge = createBridge(ipcRenderer);
    const invoke = bridge.orderAction as (...args: unknown[]) => Promise<unknown>;
    await expect(invoke({ orderId: 'o-1', to: 'ready' }, 'extra', { evil: true })).resolves.toEqual({ ok: true, value: 'orderAction' });
    await bridge.getSnapshot();
    expect(electronMock.invocations).toEqual([
      { channel: 'ticketrail:orderAction', args: [{ orderId: 'o-1', to: 'ready' }] },
      { channel: 'ticketrail:getSnapshot', args: [undefined] },
    ]);
    expect(IPC_CHANNEL_PREFIX).toBe('ticketrail:');
  });

  it('onUpdate hands the listener the update only, never the IpcRendererEvent', () => {
    const bridge = createBridge(ipcRenderer);
    const received: unknown[][] = [];
    const unsubscribe = bridge.onUpdate((...args: unknown[]) => received.push(args));
    const update: BoardUpdate = { type: 'order.removed', orderId: 'o-1' };
    ipcRenderer.simulateMessage(UPDATE_CHANNEL, update);
    expect(received).toEqual([[update]]);
    unsubscribe();
    ipcRenderer.simulateMessage(UPDATE_CHANNEL, update);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(UPDATE_CHANNEL)).toBe(0);
  });

  it('each subscription is independent', () => {
    const bridge = createBridge(ipcRenderer);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.onUpdate((u) => a.push(u));
    bridge.onUpdate((u) => b.push(u));
    offA();
    ipcRenderer.simulateMessage(UPDATE_CHANNEL, { type: 'order.removed', orderId: 'x' });
    expect([a.length, b.length]).toEqual([0, 1]);
  });

  it('onUpdate refuses a non-function', () => {
    const bridge = createBridge(ipcRenderer);
    expect(() => bridge.onUpdate('nope' as unknown as (update: BoardUpdate) => void)).toThrow(TypeError);
  });
});
