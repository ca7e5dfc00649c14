/**
 * DEV ONLY — an in-memory kitchen for previewing the board without the agent. Used by
 * preview-server.ts (and its test); never imported by the app.
 */
import { orderMatches, orderSearchKey } from '../../common/order-search.js';
import type { BoardUpdate, ConnectionState, KitchenHandlers, PrintLogEntry, RailOrder, TicketPreview } from '../../common/kitchen-api.js';
import { CodedError, ERRORS } from '../../common/errors.js';
import { canTransitionOrder, isActiveOrderStatus, type OrderItem } from '../../common/order.js';
import { sampleServiceReport } from './sample-report.js';
import { isStrikeableLine } from '../../common/struck-lines.js';
import { OrderStep, bumpStationMoves, recallStationMoves } from '../../common/order-step.js';
import { AgentSettingsSchema, redactSettings, type AgentSettings } from '../../common/settings.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const item = (name: string, qty: number, station: string, modifiers: string[] = [], notes?: string): OrderItem => ({ name, qty, station, modifiers, ...(notes ? { notes } : {}) });

function order(id: string, number: string, ageMin: number, fields: Partial<RailOrder>): RailOrder {
  return {
    id,
    number,
    type: 'dine_in',
    items: [],
    status: 'submitted',
    createdAt: minutesAgo(ageMin),
    updatedAt: minutesAgo(ageMin),
    version: 1,
    pendingActions: 0,
    unconfirmed: false,
    ...fields,
  };
}

function sampleOrders(): RailOrder[] {
  return [
    order('o-1', '41', 11, { status: 'accepted', table: '12', items: [item('Ribeye steak', 2, 'kitchen', ['medium rare', 'peppercorn sauce']), item('Fries', 2, 'kitchen'), item('House red', 2, 'bar')] }),
    order('o-2', '42', 6.5, { table: '4', items: [item('Margherita pizza', 1, 'kitchen', [], 'Severe nut allergy — use clean board'), item('Caesar salad', 1, 'kitchen', ['no croutons']), item('Lemonade', 2, 'bar')] }),
    order('o-3', '43', 3, { type: 'takeaway', items: [item('Burger', 3, 'kitchen', ['no onion', 'extra cheese']), item('Fries', 3, 'kitchen')], notes: 'Customer waiting at the counter', pendingActions: 1 }),
    order('o-4', '44', 1, { status: 'ready', table: '7', updatedAt: minutesAgo(0.2), items: [item('Fish tacos', 2, 'kitchen', ['gluten-free tortillas'])] }),
    order('o-5', '45', 0.3, {
      type: 'delivery',
      unconfirmed: true,
      payments: [{ id: 'pay-1', type: 'food', amount: 2450, currency: 'EUR', status: 'receipt_uploaded', updatedAt: minutesAgo(0.2), version: 2 }],
      courier: { vendor: 'Bolt Food', trackingUrl: 'https://track.example.com/d/45', etaMinutes: 25, updatedAt: minutesAgo(0.1), version: 1 },
      items: [item('Pad thai', 1, 'kitchen', ['tofu', 'extra chilli'], 'gluten free soy sauce please'), item('Spring rolls', 4, 'kitchen')] }),
    order('o-6', '46', 2, { status: 'accepted', table: '9', conflict: 'Completed on another screen before your Ready arrived', items: [item('Mojito', 3, 'bar', ['less sugar'])] }),
  ];
}

function sampleJobs(): PrintLogEntry[] {
  const job = (id: string, ageMin: number, fields: Partial<PrintLogEntry>): PrintLogEntry => ({
    id,
    kind: 'ticket',
    station: 'kitchen',
    copies: 1,
    status: 'done',
    attempts: 1,
    createdAt: minutesAgo(ageMin),
    updatedAt: minutesAgo(ageMin),
    version: 2,
    local: true,
    printerId: 'hot-line',
    ...fields,
  });
  return [
    job('job-101', 11, { orderId: 'o-1', printedAt: minutesAgo(11) }),
    job('job-102', 11, { orderId: 'o-1', station: 'bar', printerId: 'bar', printedAt: minutesAgo(11) }),
    job('job-103', 6, { orderId: 'o-2', status: 'failed', error: 'printer is out of paper', attempts: 3 }),
    job('job-104', 3, { orderId: 'o-3', status: 'printing' }),
    job('job-105', 0.2, { orderId: 'o-5', status: 'pending', version: 1 }),
  ];
}

const PREVIEW: TicketPreview['lines'] = [
  { text: 'KITCHEN', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' },
  { text: 'Order #42 · Table 4', bold: true, align: 'center' },
  { text: '12:41  dine in', align: 'center' },
  { text: '------------------------------------------------' },
  { text: '1 x Margherita pizza', bold: true, doubleHeight: true },
  { text: ' ALLERGY: Severe nut allergy ', inverted: true, bold: true },
  { text: '1 x Caesar salad', bold: true, doubleHeight: true },
  { text: '    - no croutons' },
  { text: '------------------------------------------------' },
  { text: 'printed by hot-line', align: 'right' },
];

/**
 * The board's operations with memory only, plus a way to push updates to whoever listens. They take
 * parsed input, as the agent's do: preview-server.ts validates at its edge with the same contract.
 */
export function createSampleBoard(): KitchenHandlers & { addOrder(): RailOrder } {
  const orders = new Map(sampleOrders().map((o) => [o.id, o]));
  const jobs = new Map(sampleJobs().map((j) => [j.id, j]));
  const listeners = new Set<(update: BoardUpdate) => void>();
  let settings: AgentSettings = AgentSettingsSchema.parse({
    agentToken: 'dev-secret',
    realtime: { key: 'app-key', host: '127.0.0.1', port: 4810 },
    printers: [
      { id: 'hot-line', name: 'Hot line', interface: 'tcp://127.0.0.1:9100', stations: ['kitchen'] },
      { id: 'bar', name: 'Bar', type: 'STAR', width: 58, interface: 'printer:BAR_TM', stations: ['bar'] },
    ],
  });
  const connection: ConnectionState = { mode: 'live', lastSeq: 42, lastSyncAt: new Date().toISOString(), detail: 'realtime via embedded relay' };
  let nextNumber = 47;

  const emit = (update: BoardUpdate) => listeners.forEach((listener) => listener(update));
  const settlePayment = (paymentId: string, status: 'verified' | 'rejected', reason?: string): RailOrder => {
    const current = [...orders.values()].find((o) => o.payments?.some((p) => p.id === paymentId));
    if (!current) throw new CodedError(ERRORS.PAYMENT_NOT_FOUND, `no payment ${paymentId}`);
    const payments = (current.payments ?? []).map((p) => (p.id === paymentId ? { ...p, status, version: p.version + 1, ...(reason ? { rejectReason: reason } : {}) } : p));
    const next: RailOrder = { ...current, payments };
    orders.set(next.id, next);
    emit({ type: 'order', order: next });
    return next;
  };
  const found = (orderId: string): RailOrder => {
    const current = orders.get(orderId);
    if (!current) throw new CodedError(ERRORS.ORDER_NOT_FOUND, `no order ${orderId}`);
    return current;
  };
  /** Applies an order's moves as the agent would for a card of its own. */
  const step = (orderId: string, moves: (step: OrderStep) => void): RailOrder => {
    const current = found(orderId);
    const change = new OrderStep(current, { type: 'agent', id: 'local' }, new Date().toISOString());
    moves(change);
    const next: RailOrder = { ...current, ...change.order };
    orders.set(orderId, next);
    emit(isActiveOrderStatus(next.status) ? { type: 'order', order: next } : { type: 'order.removed', orderId });
    return next;
  };
  const snapshot = () => ({ orders: [...orders.values()].filter((o) => isActiveOrderStatus(o.status)), connection, stations: ['kitchen', 'bar'] });

  return {
    async getSnapshot() {
      return snapshot();
    },
    async orderAction({ orderId, to, reason }) {
      const current = found(orderId);
      if (!canTransitionOrder(current.status, to)) throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `cannot go from ${current.status} to ${to}`);
      if (to === 'cancelled' && !reason) throw new CodedError(ERRORS.ORDER_CANCEL_REASON_REQUIRED, 'a reason is required');
      const next = step(orderId, (change) => change.moveTo(to, { reason }));
      if (to === 'cancelled') emit({ type: 'alert', alert: 'order.cancelled', orderId });
      return next;
    },
    async bumpStation({ orderId, station }) {
      return step(orderId, (change) => bumpStationMoves(change, station));
    },
    async recallStation({ orderId, station }) {
      return step(orderId, (change) => recallStationMoves(change, station));
    },
    async recallOrder({ orderId }) {
      if (found(orderId).status !== 'completed') throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${orderId} is not completed`);
      return step(orderId, (change) => change.moveTo('ready'));
    },
    async recentlyCompleted() {
      return [...orders.values()].filter((o) => o.status === 'completed').sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
    },
    async toggleItemDone({ orderId, itemIndex }) {
      const current = found(orderId);
      if (!isStrikeableLine(current, itemIndex)) throw new CodedError(ERRORS.ORDER_ITEM_NOT_FOUND, `order ${orderId} has no line ${itemIndex}`);
      const struck = new Set(current.struckItems ?? []);
      if (!struck.delete(itemIndex)) struck.add(itemIndex);
      const { struckItems: _before, ...rest } = current;
      const next: RailOrder = struck.size > 0 ? { ...rest, struckItems: [...struck].sort((a, b) => a - b) } : rest;
      orders.set(orderId, next);
      emit({ type: 'order', order: next });
      return next;
    },
    async dismissConflict({ orderId }) {
      const current = orders.get(orderId);
      if (!current) return;
      const { conflict: _dismissed, ...rest } = current;
      orders.set(orderId, rest);
      emit({ type: 'order', order: rest });
    },
    async getSettings() {
      return redactSettings(settings);
    },
    async saveSettings(patch) {
      const { agentToken, ...rest } = patch;
      settings = AgentSettingsSchema.parse({ ...settings, ...rest, agentToken: agentToken ? agentToken : settings.agentToken });
      return redactSettings(settings);
    },
    async testConnection() {
      return { ok: true, message: `backend ${settings.backendUrl} answered in 12 ms`, realtime: { key: settings.realtime.key, host: settings.realtime.host, port: settings.realtime.port, useTLS: settings.realtime.useTLS, embedded: true } };
    },
    async testPrint({ printerId }) {
      return { ok: printerId === 'hot-line', message: printerId === 'hot-line' ? 'test page sent' : 'printer refused the connection' };
    },
    async printerStatus({ printerId }) {
      const online = printerId === 'hot-line';
      return { printerId, online, paperOut: false, coverOpen: false, message: online ? 'online' : 'printer refused the connection' };
    },
    async printLog({ limit }) {
      return [...jobs.values()].slice(-limit);
    },
    async reprint({ jobId }) {
      const job = jobs.get(jobId);
      if (!job) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `no job ${jobId}`);
      const again: PrintLogEntry = { ...job, id: `${job.id}-r`, status: 'pending', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), version: 1 };
      jobs.set(again.id, again);
      emit({ type: 'print-job', job: again });
      return again;
    },
    async retryPrint({ jobId }) {
      return this.reprint({ jobId });
    },
    async printElsewhere({ jobId }) {
      return this.reprint({ jobId });
    },
    async moveWaitingJobs() {
      return { moved: [] };
    },
    async previewJob({ jobId }) {
      return { jobId, lines: PREVIEW };
    },
    async viewReceipt({ paymentId }) {
      // A 1×1 grey pixel stands in for a photo of a bank transfer.
      return { paymentId, contentType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==' };
    },
    async verifyPayment({ paymentId }) {
      return settlePayment(paymentId, 'verified');
    },
    async rejectPayment({ paymentId, reason }) {
      return settlePayment(paymentId, 'rejected', reason);
    },
    async requestPayment({ orderId, type = 'food', amount, currency, expiresInMinutes }) {
      const current = found(orderId);
      const now = new Date();
      const payment = {
        id: `pay_${orderId}_${(current.payments ?? []).length + 1}`,
        type,
        amount,
        currency,
        status: 'requested' as const,
        ...(expiresInMinutes ? { qrExpiresAt: new Date(now.getTime() + expiresInMinutes * 60_000).toISOString() } : {}),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const next: RailOrder = { ...current, payments: [...(current.payments ?? []), payment] };
      orders.set(orderId, next);
      emit({ type: 'order', order: next });
      return next;
    },
    async orderHistory({ q, from, to }) {
      const key = orderSearchKey(q ?? '');
      const range = [Date.parse(from), Date.parse(to)] as const;
      const found = [...orders.values()].filter((order) => Date.parse(order.createdAt) >= range[0] && Date.parse(order.createdAt) < range[1] && (!q || orderMatches(order, key)));
      const rows = found.map((order) => ({ ...order, ...(order.payments?.length ? { paymentStatus: order.payments[order.payments.length - 1]!.status } : {}), printJobIds: [...jobs.values()].filter((job) => job.orderId === order.id && !job.reprintOf).map((job) => job.id) }));
      return { source: 'backend' as const, orders: rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
    },
    async setCourier({ orderId, trackingUrl, vendor, etaMinutes }) {
      const current = found(orderId);
      const next: RailOrder = { ...current, courier: { vendor: vendor || new URL(trackingUrl).hostname, trackingUrl, ...(etaMinutes !== undefined ? { etaMinutes } : {}), updatedAt: new Date().toISOString(), version: (current.courier?.version ?? 0) + 1 } };
      orders.set(orderId, next);
      emit({ type: 'order', order: next });
      return next;
    },
    async serviceReport(query) {
      return sampleServiceReport(query);
    },
    async printDaySummary({ date }) {
      return { ok: true, message: `day summary of ${date} printed on Counter` };
    },
    async openDrawer({ printerId }) {
      return { ok: printerId === 'hot-line', message: printerId === 'hot-line' ? 'drawer opened' : 'printer refused the connection' };
    },
    async findPrinters({ range }) {
      return {
        found: [
          { host: '192.168.1.31', port: 9100, interface: 'tcp://192.168.1.31:9100', status: 'ready', maker: 'EPSON', model: 'TM-T20III' },
          { host: '192.168.1.47', port: 9100, interface: 'tcp://192.168.1.47:9100', status: 'ready (paper low)', maker: 'STAR', model: 'TSP143IV' },
        ],
        scanned: 254,
        ranges: range ? [range] : ['192.168.1.0/24'],
      };
    },
    async systemPrinters() {
      return {
        spooler: [{ interface: 'printer:EPSON TM-T20III Receipt', name: 'EPSON TM-T20III Receipt', detail: 'USB001, EPSON TM-T20III Receipt5' }],
        usb: [{ interface: 'usb://04b8:0e28/X5K1234567', name: 'EPSON TM-T20III' }],
        serial: [{ interface: 'serial://COM3?baud=9600', name: 'COM3', detail: 'Prolific' }],
        notes: [],
      };
    },
    async prepareLogo({ image }) {
      // The sample board has no dithering: it shows the upload as it is.
      return { logo: image, width: 576, height: 120 };
    },
    // The sample board has no settings PIN: Settings open at once.
    async settingsLockStatus() {
      return { pinSet: false };
    },
    async unlockSettings() {
      return { token: 'sample-unlock', idleSeconds: 600 };
    },
    async setSettingsPin() {
      return { pinSet: false };
    },
    async boardSettings() {
      const { display, sound, pinSet } = redactSettings(settings);
      return { display, sound, pinSet };
    },
    async tabletrackPrinters() {
      return { ok: true, printers: [{ id: '1', name: 'Kitchen', type: 'network', format: 'thermal80mm' }, { id: '2', name: 'Bar', type: 'network', format: 'thermal58mm' }] };
    },
    subscribe(listener) {
      listeners.add(listener);
      listener({ type: 'snapshot', snapshot: snapshot() });
      return () => listeners.delete(listener);
    },
    addOrder() {
      const number = String(nextNumber++);
      const added = order(`o-${number}`, number, 0, { table: '3', items: [item('Burger', 1, 'kitchen', ['no pickles']), item('Cola', 1, 'bar')] });
      orders.set(added.id, added);
      emit({ type: 'order', order: added });
      emit({ type: 'alert', alert: 'order.submitted', orderId: added.id });
      return added;
    },
  };
}
