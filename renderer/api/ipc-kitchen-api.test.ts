import { describe, expect, it } from 'vitest';
import type { BoardUpdate } from '../../common/kitchen-api.js';
import type { TicketrailBridge } from './bridge.js';
import { findBridge } from './bridge.js';
import { createIpcKitchenApi } from './ipc-kitchen-api.js';

function fakeBridge(overrides: Partial<TicketrailBridge> = {}): TicketrailBridge {
  const notUsed = async () => ({ ok: false as const, error: { code: 'NOT_FOUND', message: 'not in this test' } });
  return {
    getSnapshot: notUsed,
    orderAction: notUsed,
    dismissConflict: notUsed,
    bumpStation: notUsed,
    recallStation: notUsed,
    recallOrder: notUsed,
    recentlyCompleted: notUsed,
    toggleItemDone: notUsed,
    getSettings: notUsed,
    saveSettings: notUsed,
    testConnection: notUsed,
    testPrint: notUsed,
    printerStatus: notUsed,
    printLog: notUsed,
    reprint: notUsed,
    previewJob: notUsed,
    retryPrint: notUsed,
    printElsewhere: notUsed,
    moveWaitingJobs: notUsed,
    viewReceipt: notUsed,
    verifyPayment: notUsed,
    rejectPayment: notUsed,
    requestPayment: notUsed,
    setCourier: notUsed,
    orderHistory: notUsed,
    serviceReport: notUsed,
    printDaySummary: notUsed,
    tabletrackPrinters: notUsed,
    openDrawer: notUsed,
    findPrinters: notUsed,
    systemPrinters: notUsed,
    prepareLogo: notUsed,
    settingsLockStatus: notUsed,
    unlockSettings: notUsed,
    setSettingsPin: notUsed,
    boardSettings: notUsed,
    onUpdate: () => () => undefined,
    ...overrides,
  };
}

describe('createIpcKitchenApi', () => {
  it('passes the input through and unwraps ok results', async () => {
    const seen: unknown[] = [];
    const api = createIpcKitchenApi(
      fakeBridge({
        testPrint: async (input) => {
          seen.push(input);
          return { ok: true, value: { ok: true, message: 'printed' } };
        },
      }),
    );
    await expect(api.testPrint({ printerId: 'hot' })).resolves.toEqual({ ok: true, message: 'printed' });
    expect(seen).toEqual([{ printerId: 'hot' }]);
  });

  it('throws error results as KitchenApiError, and a broken bridge as IPC_FAILED', async () => {
    const api = createIpcKitchenApi(
      fakeBridge({
        getSnapshot: async () => {
          throw new Error('channel closed');
        },
      }),
    );
    await expect(api.reprint({ jobId: 'j' })).rejects.toMatchObject({ name: 'KitchenApiError', code: 'NOT_FOUND' });
    await expect(api.getSnapshot()).rejects.toMatchObject({ code: 'IPC_FAILED' });
  });

  it('subscribes through onUpdate and reports the link as connected', () => {
    let listener: ((update: BoardUpdate) => void) | undefined;
    const api = createIpcKitchenApi(fakeBridge({ onUpdate: (l) => ((listener = l), () => (listener = undefined)) }));
    const got: BoardUpdate[] = [];
    const unsubscribe = api.subscribe((u) => got.push(u));
    listener?.({ type: 'order.removed', orderId: 'o' });
    unsubscribe();
    expect(got).toHaveLength(1);
    expect(listener).toBeUndefined();
    const links: string[] = [];
    api.subscribeLink((link) => links.push(link.status));
    expect(links).toEqual(['connected']);
  });
});

describe('findBridge', () => {
  it('finds window.ticketrail only when it looks like the bridge', () => {
    expect(findBridge({})).toBeUndefined();
    expect(findBridge({ ticketrail: { getSnapshot() {} } })).toBeUndefined();
    expect(findBridge({ ticketrail: fakeBridge() })).toBeDefined();
  });
});
