import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KITCHEN_API_METHODS, type BoardUpdate } from '../common/kitchen-api.js';
import { UPDATE_CHANNEL } from '../common/kitchen-api-methods.js';
import { electronMock, ipcRenderer, resetElectronMock } from '../test/electron-mock.js';
import { createBridge, type TicketrailBridge } from './bridge.js';

beforeEach(() => resetElectronMock());
afterEach(() => resetElectronMock());

/** Loads the preload entry as Electron would, and returns what it exposed on `window`. */
async function exposedBridge(): Promise<TicketrailBridge> {
  await import('./index.js');
  const exposed = electronMock.exposed.get('ticketrail');
  if (!exposed) throw new Error('nothing exposed as window.ticketrail');
  return exposed as TicketrailBridge;
}

/** Main's side, as far as the bridge can tell: a handler per channel that records what arrived. */
function answerEveryChannel(): Array<{ channel: string; args: unknown[] }> {
  const received: Array<{ channel: string; args: unknown[] }> = [];
  for (const method of KITCHEN_API_METHODS) {
    const channel = `ticketrail:${method}`;
    electronMock.handlers.set(channel, (_event, ...args) => {
      received.push({ channel, args });
      return { ok: true, value: { answeredBy: method } };
    });
  }
  return received;
}

/** Calls a bridge method the way a page could, with any arguments. */
function callAsPage(bridge: TicketrailBridge, method: string, ...args: unknown[]): Promise<unknown> {
  return (bridge as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!(...args);
}

describe('window.ticketrail', () => {
  it('is exposed by the preload entry alone, and its calls reach main and come back', async () => {
    const received = answerEveryChannel();
    const bridge = await exposedBridge();
    expect([...electronMock.exposed.keys()]).toEqual(['ticketrail']);
    await expect(bridge.getSnapshot()).resolves.toEqual({ ok: true, value: { answeredBy: 'getSnapshot' } });
    expect(received).toEqual([{ channel: 'ticketrail:getSnapshot', args: [undefined] }]);
  });

  it('every operation sends its own channel with its input and answers what main answered', async () => {
    const received = answerEveryChannel();
    const bridge = createBridge(ipcRenderer);
    for (const method of KITCHEN_API_METHODS) {
      const input = { probe: method };
      await expect(callAsPage(bridge, method, input), method).resolves.toEqual({ ok: true, value: { answeredBy: method } });
    }
    expect(received).toEqual(KITCHEN_API_METHODS.map((method) => ({ channel: `ticketrail:${method}`, args: [{ probe: method }] })));
  });

  it('sends one argument only: whatever else the page passes is dropped', async () => {
    const received = answerEveryChannel();
    const bridge = createBridge(ipcRenderer);
    await callAsPage(bridge, 'orderAction', { orderId: 'o-1', to: 'ready' }, 'ticketrail:saveSettings', { evil: true });
    expect(received).toEqual([{ channel: 'ticketrail:orderAction', args: [{ orderId: 'o-1', to: 'ready' }] }]);
  });

  it.each([
    ['a string', 'j-1'],
    ['a number', 5],
    ['null', null],
    ['an array', ['p1']],
    ['a Map', new Map([['jobId', 'j-1']])],
    ['a function (which IPC could not even clone)', () => 'j-1'],
  ])('refuses %s as input, as data and without a call', async (_name, input) => {
    const received = answerEveryChannel();
    const bridge = createBridge(ipcRenderer);
    await expect(callAsPage(bridge, 'reprint', input)).resolves.toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'reprint: invalid input', details: { issues: [{ path: '', message: 'expected one object argument (or none)' }] } },
    });
    expect(electronMock.invocations).toEqual([]);
    expect(received).toEqual([]);
  });

  it('a broken IPC call rejects, so the renderer can report IPC_FAILED', async () => {
    electronMock.handlers.set('ticketrail:getSettings', () => {
      throw new Error('main is gone');
    });
    await expect(createBridge(ipcRenderer).getSettings()).rejects.toThrow('main is gone');
  });

  it('cannot be changed by the page, and nothing reachable from it is ipcRenderer', async () => {
    answerEveryChannel();
    const bridge = createBridge(ipcRenderer);
    expect(() => Object.assign(bridge, { getSnapshot: () => 'hijacked', invoke: () => 'hijacked' })).toThrow(TypeError);
    await expect(bridge.getSnapshot()).resolves.toEqual({ ok: true, value: { answeredBy: 'getSnapshot' } });

    const seen = new Set<unknown>();
    const walk = (value: unknown, depth: number): void => {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || depth > 4) return;
      seen.add(value);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
        if (descriptor && 'value' in descriptor) walk(descriptor.value, depth + 1);
      }
    };
    walk(bridge, 0);
    expect(seen.has(ipcRenderer)).toBe(false);
    expect([...seen].some((value) => value === ipcRenderer.invoke || value === ipcRenderer.on)).toBe(false);
  });
});

describe('window.ticketrail.onUpdate', () => {
  it('hands the listener the update only, never the IpcRendererEvent, until unsubscribed', () => {
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

  it('listens on the update channel only', () => {
    const bridge = createBridge(ipcRenderer);
    const received: unknown[] = [];
    bridge.onUpdate((update) => received.push(update));
    ipcRenderer.simulateMessage('ticketrail:getSnapshot', { type: 'order.removed', orderId: 'x' });
    expect(received).toEqual([]);
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

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(ipcRenderer);
    expect(() => bridge.onUpdate('nope' as unknown as (update: BoardUpdate) => void)).toThrow(TypeError);
    expect(ipcRenderer.listenerCount(UPDATE_CHANNEL)).toBe(0);
  });
});
