/**
 * Both ends of the IPC contract together: the real preload bridge calling the real main handlers
 * through the mocked Electron IPC. main/ may not import preload/ in production code; this test is
 * the exception that keeps the two sides' channel names and shapes in step.
 */
import type { WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { KITCHEN_API_METHODS } from '../common/kitchen-api.js';
// eslint-disable-next-line no-restricted-imports -- the round trip needs the preload's side of the contract
import { createBridge } from '../preload/bridge.js';
import { asElectron, electronMock, FakeBrowserWindow, ipcRenderer, resetElectronMock } from '../test/electron-mock.js';
import { createAppOrigin } from './app-origin.js';
import { createSenderCheck, registerKitchenIpc } from './ipc-handlers.js';
import { SecretRegistry } from './secret-guard.js';
import { createFakeKitchenApi, createRecordingLogger, railOrder } from './test-fixtures.js';
import { forwardBoardUpdates } from './updates.js';

const INDEX_HTML = '/opt/ticketrail/dist/renderer/index.html';

beforeEach(() => resetElectronMock());

function wire() {
  const board = new FakeBrowserWindow();
  board.webContents.mainFrame.url = pathToFileURL(INDEX_HTML).href;
  electronMock.rendererSender = board.webContents;
  const fake = createFakeKitchenApi();
  const origin = createAppOrigin({ kind: 'file', indexHtml: INDEX_HTML });
  const target = () => asElectron<WebContents>(board.webContents);
  registerKitchenIpc({ api: fake.api, isTrustedSender: createSenderCheck(target, origin), secrets: new SecretRegistry(), logger: createRecordingLogger() });
  forwardBoardUpdates(fake.api, { target, secrets: new SecretRegistry() });
  return { board, fake, bridge: createBridge(ipcRenderer) };
}

describe('preload ⇄ main', () => {
  it('every bridge method reaches its handler and answers an ApiResult', async () => {
    const { bridge, fake } = wire();
    const inputs = {
      orderAction: { orderId: 'o-1', to: 'ready' },
      dismissConflict: { orderId: 'o-1' },
      bumpStation: { orderId: 'o-1', station: 'bar' },
      recallStation: { orderId: 'o-1', station: 'bar' },
      recallOrder: { orderId: 'o-1' },
      toggleItemDone: { orderId: 'o-1', itemIndex: 0 },
      saveSettings: { sound: { enabled: true, volume: 1 } },
      testPrint: { printerId: 'p1' },
      printerStatus: { printerId: 'p1' },
      printLog: { limit: 5 },
      reprint: { jobId: 'j-1' },
      previewJob: { jobId: 'j-1' },
      retryPrint: { jobId: 'j-1' },
      printElsewhere: { jobId: 'j-1', printerId: 'p2' },
      moveWaitingJobs: { fromPrinterId: 'p1', toPrinterId: 'p2' },
      viewReceipt: { paymentId: 'pay-1' },
      verifyPayment: { paymentId: 'pay-1' },
      rejectPayment: { paymentId: 'pay-1', reason: 'blurry' },
      requestPayment: { orderId: 'o-1', amount: 3200, currency: 'EUR', expiresInMinutes: 10 },
      setCourier: { orderId: 'o-1', trackingUrl: 'https://track.example.com/d/1' },
      orderHistory: { q: 'maria', from: '2026-06-07T00:00:00+02:00', to: '2026-06-08T00:00:00+02:00' },
      serviceReport: { from: '2026-06-01', to: '2026-06-07', tz: 'Europe/Warsaw' },
      printDaySummary: { date: '2026-06-07', tz: 'Europe/Warsaw' },
      openDrawer: { printerId: 'p1' },
      findPrinters: {},
      prepareLogo: { image: 'data:image/png;base64,iVBORw0KGgo=', width: 80 },
      unlockSettings: { pin: '4821' },
      setSettingsPin: { pin: '4821' },
    } as const;
    for (const method of KITCHEN_API_METHODS) {
      const invoke = bridge[method] as (input: unknown) => Promise<{ ok: boolean }>;
      const result = await invoke(method in inputs ? inputs[method as keyof typeof inputs] : undefined);
      expect(result.ok, method).toBe(true);
    }
    expect(fake.calls.map((c) => c.method)).toEqual([...KITCHEN_API_METHODS]);
  });

  it('a refused input comes back as data, not a rejected promise', async () => {
    const { bridge } = wire();
    await expect(bridge.reprint({ jobId: '' })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('updates sent by main arrive at an onUpdate listener', () => {
    const { board, fake, bridge } = wire();
    const received: unknown[] = [];
    bridge.onUpdate((update) => received.push(update));
    fake.emit({ type: 'order', order: railOrder('o-3') });
    // The mock does not route webContents.send to ipcRenderer by itself: deliver what main sent.
    for (const { channel, args } of board.webContents.sent) ipcRenderer.simulateMessage(channel, ...args);
    expect(received).toEqual([{ type: 'order', order: railOrder('o-3') }]);
  });
});
