import type { ReportQuery, ServiceReport } from '../common/reports.js';
/**
 * Test doubles for main/'s tests: a KitchenHandlers that records its calls, standing in for the agent
 * at the Electron boundary (the agent itself has its own tests).
 */
import { redactSettings, AgentSettingsSchema } from '../common/settings.js';
import type { AgentLogger } from '../agent/index.js';
import type { BoardSnapshot, BoardUpdate, KitchenApiMethod, KitchenHandlers, PrintLogEntry, RailOrder } from '../common/kitchen-api.js';

export interface FakeKitchenApi {
  api: KitchenHandlers;
  calls: Array<{ method: KitchenApiMethod; input: unknown }>;
  listeners: Set<(update: BoardUpdate) => void>;
  emit(update: BoardUpdate): void;
}

const AT = '2025-01-01T12:00:00.000Z';

export function railOrder(id = 'o-1'): RailOrder {
  return {
    id,
    number: '42',
    type: 'dine_in',
    table: '7',
    items: [{ name: 'Soup', qty: 1, station: 'kitchen', modifiers: [] }],
    status: 'accepted',
    createdAt: AT,
    updatedAt: AT,
    version: 2,
    pendingActions: 0,
    unconfirmed: false,
  };
}

export function printLogEntry(id = 'j-1'): PrintLogEntry {
  return { id, kind: 'ticket', station: 'kitchen', copies: 1, status: 'done', attempts: 1, createdAt: AT, updatedAt: AT, version: 1, local: true };
}

export function snapshot(): BoardSnapshot {
  return { orders: [railOrder()], connection: { mode: 'live', lastSeq: 3 }, stations: ['kitchen'] };
}

/** A report of no orders: every figure zero. */
export function serviceReport(query: ReportQuery): ServiceReport {
  const totals = { orders: 0, completed: 0, cancelled: 0, revenue: [], prepSeconds: { p50: null, p90: null, max: null }, late: 0, byStation: [], byHour: [], giftCards: [], loyalty: { given: 0, redeemed: 0 } };
  return { ...query, location: 'default', lateMinutes: 15, generatedAt: AT, totals, days: [{ date: query.from, ...totals }] };
}

/** Every method answers a plausible value; `overrides` replace single methods. */
export function createFakeKitchenApi(overrides: Partial<KitchenHandlers> = {}): FakeKitchenApi {
  const calls: FakeKitchenApi['calls'] = [];
  const listeners = new Set<(update: BoardUpdate) => void>();
  const record = (method: KitchenApiMethod, input?: unknown) => calls.push({ method, input });
  const settings = redactSettings(AgentSettingsSchema.parse({}));

  const api: KitchenHandlers = {
    getSnapshot: async () => (record('getSnapshot'), snapshot()),
    orderAction: async (input) => (record('orderAction', input), { ...railOrder(input.orderId), status: input.to }),
    dismissConflict: async (input) => void record('dismissConflict', input),
    bumpStation: async (input) => (record('bumpStation', input), railOrder(input.orderId)),
    recallStation: async (input) => (record('recallStation', input), railOrder(input.orderId)),
    recallOrder: async (input) => (record('recallOrder', input), { ...railOrder(input.orderId), status: 'ready' }),
    recentlyCompleted: async () => (record('recentlyCompleted'), [{ ...railOrder('o-9'), status: 'completed' }]),
    toggleItemDone: async (input) => (record('toggleItemDone', input), { ...railOrder(input.orderId), struckItems: [input.itemIndex] }),
    getSettings: async () => (record('getSettings'), settings),
    saveSettings: async (patch) => (record('saveSettings', patch), settings),
    testConnection: async () => (record('testConnection'), { ok: true, message: 'reachable' }),
    testPrint: async (input) => (record('testPrint', input), { ok: true, message: 'printed' }),
    printerStatus: async (input) => (
      record('printerStatus', input), { printerId: input.printerId, online: true, paperOut: false, coverOpen: false, message: 'ready' }
    ),
    printLog: async (input) => (record('printLog', input), [printLogEntry()]),
    reprint: async (input) => (record('reprint', input), printLogEntry(input.jobId)),
    retryPrint: async (input) => (record('retryPrint', input), printLogEntry(input.jobId)),
    printElsewhere: async (input) => (record('printElsewhere', input), printLogEntry(input.jobId)),
    moveWaitingJobs: async (input) => (record('moveWaitingJobs', input), { moved: [] }),
    previewJob: async (input) => (record('previewJob', input), { jobId: input.jobId, lines: [{ text: 'TABLE 7' }] }),
    viewReceipt: async (input) => (record('viewReceipt', input), { paymentId: input.paymentId, contentType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }),
    verifyPayment: async (input) => (record('verifyPayment', input), railOrder('o-1')),
    rejectPayment: async (input) => (record('rejectPayment', input), railOrder('o-1')),
    requestPayment: async (input) => (record('requestPayment', input), railOrder(input.orderId)),
    setCourier: async (input) => (record('setCourier', input), railOrder(input.orderId)),
    orderHistory: async (input) => (record('orderHistory', input), { source: 'backend', orders: [{ ...railOrder('o-1'), printJobIds: [] }] }),
    serviceReport: async (input) => (record('serviceReport', input), { report: serviceReport(input), late: { ...input, lateMinutes: 15, orders: [] } }),
    tabletrackPrinters: async () => (record('tabletrackPrinters'), { ok: true, printers: [] }),
    printDaySummary: async (input) => (record('printDaySummary', input), { ok: true, message: 'day summary printed' }),
    openDrawer: async (input) => (record('openDrawer', input), { ok: true, message: 'drawer opened' }),
    findPrinters: async (input) => (record('findPrinters', input), { found: [], scanned: 0, ranges: [] }),
    systemPrinters: async () => (record('systemPrinters'), { spooler: [], usb: [], serial: [], notes: [] }),
    prepareLogo: async (input) => (record('prepareLogo', input), { logo: 'data:image/png;base64,iVBORw0KGgo=', width: 8, height: 1 }),
    settingsLockStatus: async () => (record('settingsLockStatus'), { pinSet: false }),
    unlockSettings: async (input) => (record('unlockSettings', input), { token: 'unlock-1', idleSeconds: 600 }),
    setSettingsPin: async (input) => (record('setSettingsPin', input), { pinSet: input.pin !== null }),
    boardSettings: async () => (record('boardSettings'), { display: settings.display, sound: settings.sound, pinSet: settings.pinSet }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...overrides,
  };
  return {
    api,
    calls,
    listeners,
    emit: (update) => {
      for (const listener of listeners) listener(update);
    },
  };
}

export interface RecordingLogger extends AgentLogger {
  entries: Array<{ level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }>;
}

export function createRecordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  return {
    entries,
    info: (message, fields) => void entries.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => void entries.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => void entries.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
}
