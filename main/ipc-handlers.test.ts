import type { WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from '../common/error-response.js';
import { CodedError, ERROR_CODES, ERRORS } from '../common/errors.js';
import { KITCHEN_API_METHODS, type ApiResult, type KitchenHandlers } from '../common/kitchen-api.js';
import { asElectron, electronMock, FakeBrowserWindow, FakeWebFrame, invokeEvent, invokeHandler, resetElectronMock } from '../test/electron-mock.js';
import { createAppOrigin } from './app-origin.js';
import { channelFor } from './ipc-contract.js';
import { createSenderCheck, registerKitchenIpc } from './ipc-handlers.js';
import { SecretRegistry } from './secret-guard.js';
import { createFakeKitchenApi, createRecordingLogger, type FakeKitchenApi, type RecordingLogger } from './test-fixtures.js';

const INDEX_HTML = '/opt/ticketrail/dist/renderer/index.html';
const APP_URL = pathToFileURL(INDEX_HTML).href;
const TOKEN = 'tok_7f3a9c1e5b2d4a60';

let board: FakeBrowserWindow;
let fake: FakeKitchenApi;
let secrets: SecretRegistry;
let logger: RecordingLogger;

function setup(overrides: Partial<KitchenHandlers> = {}): void {
  board = new FakeBrowserWindow();
  board.webContents.mainFrame.url = APP_URL;
  fake = createFakeKitchenApi(overrides);
  secrets = new SecretRegistry();
  secrets.remember(TOKEN);
  logger = createRecordingLogger();
  const origin = createAppOrigin({ kind: 'file', indexHtml: INDEX_HTML });
  registerKitchenIpc({
    api: fake.api,
    isTrustedSender: createSenderCheck(() => asElectron<WebContents>(board.webContents), origin),
    secrets,
    logger,
  });
}

/** An invoke from the board window's top frame, as the preload sends it. */
function call(method: string, ...args: unknown[]): Promise<ApiResult<unknown>> {
  return invokeHandler(`ticketrail:${method}`, invokeEvent(board.webContents), ...args) as Promise<ApiResult<unknown>>;
}

function expectRefused(result: ApiResult<unknown>, code: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
}

beforeEach(() => resetElectronMock());
afterEach(() => resetElectronMock());

describe('IPC registration', () => {
  it('registers exactly one handler per KitchenApi method, on ticketrail:<method>', () => {
    setup();
    expect([...electronMock.handlers.keys()].sort()).toEqual(KITCHEN_API_METHODS.map((m) => `ticketrail:${m}`).sort());
  });

  it('cannot register twice (Electron refuses a second handler per channel)', () => {
    setup();
    expect(() => setup()).toThrow(/second handler/);
  });

  it('the returned function removes every handler', () => {
    board = new FakeBrowserWindow();
    const dispose = registerKitchenIpc({ api: createFakeKitchenApi().api, isTrustedSender: () => true, secrets: new SecretRegistry(), logger: createRecordingLogger() });
    dispose();
    expect(electronMock.handlers.size).toBe(0);
  });
});

describe('valid payloads reach the api', () => {
  beforeEach(() => setup());

  it('orderAction: the parsed input (trimmed reason) reaches the api and the answer is data', async () => {
    const result = await call('orderAction', { orderId: 'o-9', to: 'cancelled', reason: '  out of soup  ' });
    expect(result).toMatchObject({ ok: true, value: { id: 'o-9', status: 'cancelled' } });
    expect(fake.calls).toEqual([{ method: 'orderAction', input: { orderId: 'o-9', to: 'cancelled', reason: 'out of soup' } }]);
  });

  it('methods without input accept undefined or an empty object', async () => {
    expect(await call('getSnapshot')).toMatchObject({ ok: true, value: { connection: { mode: 'live' } } });
    expect(await call('getSettings', {})).toMatchObject({ ok: true, value: { agentTokenSet: false } });
    expect(await call('testConnection', undefined)).toEqual({ ok: true, value: { ok: true, message: 'reachable' } });
  });

  it('every other method forwards its validated input', async () => {
    await call('dismissConflict', { orderId: 'o-1' });
    await call('testPrint', { printerId: 'p1' });
    await call('printerStatus', { printerId: 'p1' });
    await call('printLog', {});
    await call('reprint', { jobId: 'j-1' });
    await call('previewJob', { jobId: 'j-1' });
    expect(fake.calls).toEqual([
      { method: 'dismissConflict', input: { orderId: 'o-1' } },
      { method: 'testPrint', input: { printerId: 'p1' } },
      { method: 'printerStatus', input: { printerId: 'p1' } },
      { method: 'printLog', input: { limit: 100 } },
      { method: 'reprint', input: { jobId: 'j-1' } },
      { method: 'previewJob', input: { jobId: 'j-1' } },
    ]);
  });

  it('dismissConflict answers ok with no value', async () => {
    expect(await call('dismissConflict', { orderId: 'o-1' })).toEqual({ ok: true });
  });

  it('saveSettings forwards only the sections sent (no defaults for the others)', async () => {
    const result = await call('saveSettings', { sound: { enabled: false, volume: 0.3 } });
    expect(result.ok).toBe(true);
    expect(fake.calls).toEqual([{ method: 'saveSettings', input: { sound: { enabled: false, volume: 0.3 } } }]);
  });
});

describe('bad payloads are refused and never reach the api', () => {
  beforeEach(() => setup());

  const cases: Array<[string, string, unknown[]]> = [
    ['wrong type', 'orderAction', [{ orderId: 42, to: 'ready' }]],
    ['unknown status', 'orderAction', [{ orderId: 'o-1', to: 'eaten' }]],
    ['extra key', 'orderAction', [{ orderId: 'o-1', to: 'ready', admin: true }]],
    ['huge string', 'orderAction', [{ orderId: 'x'.repeat(100_000), to: 'ready' }]],
    ['huge reason', 'orderAction', [{ orderId: 'o-1', to: 'cancelled', reason: 'x'.repeat(10_000) }]],
    ['missing input', 'orderAction', []],
    ['non-object (string)', 'reprint', ['j-1']],
    ['non-object (number)', 'printLog', [5]],
    ['null', 'previewJob', [null]],
    ['array', 'testPrint', [['p1']]],
    ['Map', 'getSnapshot', [new Map([['a', 1]])]],
    ['stray key on a no-input method', 'getSnapshot', [{ all: true }]],
    ['two arguments', 'getSettings', [{}, {}]],
    ['limit out of range', 'printLog', [{ limit: 100_000 }]],
    ['extra key on dismissConflict', 'dismissConflict', [{ orderId: 'o-1', force: true }]],
    ['invalid settings', 'saveSettings', [{ backendUrl: 'ftp://nope' }]],
    ['unknown settings key', 'saveSettings', [{ hacker: true }]],
    ['settings non-object', 'saveSettings', ['{}']],
  ];

  it.each(cases)('%s', async (_name, method, args) => {
    const result = await call(method, ...args);
    expectRefused(result, ERROR_CODES.VALIDATION_FAILED);
    expect(fake.calls).toEqual([]);
  });

  it('reports where the input is wrong without echoing it', async () => {
    const secretish = 'x'.repeat(70);
    const result = await call('orderAction', { orderId: secretish, to: 'ready' });
    expectRefused(result, ERROR_CODES.VALIDATION_FAILED);
    if (!result.ok) {
      expect(result.error.details).toMatchObject({ issues: [{ path: 'orderId' }] });
      expect(JSON.stringify(result.error)).not.toContain(secretish);
    }
  });
});

describe('errors cross as data', () => {
  it('a CodedError thrown by the api comes back as {ok:false, error}', async () => {
    setup({
      orderAction: async () => {
        throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, 'cannot go from completed to ready', { from: 'completed' });
      },
    });
    expect(await call('orderAction', { orderId: 'o-1', to: 'ready' })).toEqual({
      ok: false,
      error: { code: 'ORDER_TRANSITION_INVALID', message: 'cannot go from completed to ready', details: { from: 'completed' } },
    });
  });

  it('an uncoded error becomes INTERNAL without its message (which may hold paths)', async () => {
    setup({
      getSnapshot: async () => {
        throw new Error('SQLITE_CORRUPT at /home/cook/.config/TicketRail/agent-cache.sqlite');
      },
    });
    const result = await call('getSnapshot');
    expectRefused(result, ERROR_CODES.INTERNAL);
    expect(JSON.stringify(result)).not.toContain('/home/cook');
  });

  it('answers an uncoded error with the same fixed body as every other edge, and logs its real text', async () => {
    setup({
      printLog: async () => {
        throw new TypeError('SQLITE_CORRUPT at /home/cook/.config/TicketRail/agent-cache.sqlite');
      },
    });
    expect(await call('printLog', {})).toEqual({ ok: false, error: { code: ERROR_CODES.INTERNAL, message: INTERNAL_ERROR_MESSAGE } });
    expect(logger.entries).toEqual([
      { level: 'error', message: 'printLog failed unexpectedly', fields: { method: 'printLog', error: expect.stringContaining('TypeError: SQLITE_CORRUPT at /home/cook/') } },
    ]);
  });
});

describe('only the board window may call', () => {
  beforeEach(() => setup());

  it('refuses another window', async () => {
    const other = new FakeBrowserWindow();
    other.webContents.mainFrame.url = APP_URL;
    const result = (await invokeHandler('ticketrail:getSnapshot', invokeEvent(other.webContents))) as ApiResult<unknown>;
    expectRefused(result, ERROR_CODES.FORBIDDEN);
    expect(fake.calls).toEqual([]);
  });

  it('refuses our window once it shows a foreign page', async () => {
    board.webContents.mainFrame.url = 'https://evil.example/';
    expectRefused(await call('getSnapshot'), ERROR_CODES.FORBIDDEN);
  });

  it('refuses a file outside the renderer folder', async () => {
    board.webContents.mainFrame.url = pathToFileURL('/etc/passwd').href;
    expectRefused(await call('getSnapshot'), ERROR_CODES.FORBIDDEN);
  });

  it('refuses an iframe inside our page', async () => {
    const iframe = new FakeWebFrame(APP_URL, board.webContents.mainFrame);
    const result = (await invokeHandler('ticketrail:getSnapshot', invokeEvent(board.webContents, iframe))) as ApiResult<unknown>;
    expectRefused(result, ERROR_CODES.FORBIDDEN);
  });

  it('refuses a call whose frame is gone', async () => {
    const result = (await invokeHandler('ticketrail:getSnapshot', invokeEvent(board.webContents, null))) as ApiResult<unknown>;
    expectRefused(result, ERROR_CODES.FORBIDDEN);
  });

  it('refuses after the window was destroyed', async () => {
    board.webContents.destroyed = true;
    expectRefused(await call('getSnapshot'), ERROR_CODES.FORBIDDEN);
  });
});

describe('secrets never reach the renderer', () => {
  it('blocks an answer that contains the stored token', async () => {
    setup({
      getSettings: async () => ({ ...(await createFakeKitchenApi().api.getSettings()), backendUrl: `http://x/?t=${TOKEN}` }),
    });
    const result = await call('getSettings');
    expectRefused(result, ERROR_CODES.INTERNAL);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('blocks an error whose details carry the token', async () => {
    setup({
      testConnection: async () => {
        throw new CodedError(ERRORS.BACKEND_UNREACHABLE, 'backend said no', { header: `Bearer ${TOKEN}` });
      },
    });
    const result = await call('testConnection');
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expectRefused(result, ERROR_CODES.INTERNAL);
  });

  it('lets ordinary answers through', async () => {
    setup();
    expect((await call('getSettings')).ok).toBe(true);
  });

  it('sends every KitchenApi method through the guard', async () => {
    const leaky = Object.fromEntries(KITCHEN_API_METHODS.map((m) => [m, async () => ({ leaked: TOKEN })])) as Partial<KitchenHandlers>;
    setup(leaky);
    const inputs: Record<string, unknown> = {
      orderAction: { orderId: 'o', to: 'ready' },
      dismissConflict: { orderId: 'o' },
      saveSettings: {},
      testPrint: { printerId: 'p' },
      printerStatus: { printerId: 'p' },
      printLog: {},
      reprint: { jobId: 'j' },
      previewJob: { jobId: 'j' },
      viewReceipt: { paymentId: 'p' },
      verifyPayment: { paymentId: 'p' },
      rejectPayment: { paymentId: 'p', reason: 'r' },
    };
    for (const method of KITCHEN_API_METHODS) {
      const result = await invokeHandler(channelFor(method), invokeEvent(board.webContents), inputs[method]);
      expect(JSON.stringify(result), method).not.toContain(TOKEN);
    }
  });
});
