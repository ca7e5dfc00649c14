import { z } from 'zod';
import type { ErrorBody } from './errors.js';
import { ORDER_STATUSES, type Order } from './order.js';
import type { PrintJob } from './print-job.js';
import type { RedactedSettings, SettingsPatch } from './settings.js';

/**
 * The board's operations, defined once. The agent's local HTTP/WS API and Electron's IPC both
 * implement this map; the renderer talks only to it.
 */
export const CONNECTION_MODES = ['live', 'polling', 'offline'] as const;
export type ConnectionMode = (typeof CONNECTION_MODES)[number];

export interface ConnectionState {
  mode: ConnectionMode;
  /** ISO time of the last successful sync with the backend, if any. */
  lastSyncAt?: string;
  lastSeq: number;
  detail?: string;
}

/** An order as the rail shows it: the backend's order plus local, not-yet-confirmed state. */
export interface RailOrder extends Order {
  /** Actions written to the outbox and not yet acknowledged by the backend. */
  pendingActions: number;
  /** Changed while the agent was offline and not yet confirmed by the backend. */
  unconfirmed: boolean;
  /** A conflict the backend reported for a kitchen action, shown until dismissed. */
  conflict?: string;
}

export interface PrintLogEntry extends PrintJob {
  printerId?: string;
  /** true when the local agent printed (or tried to print) this job. */
  local: boolean;
}

export interface BoardSnapshot {
  orders: RailOrder[];
  connection: ConnectionState;
  stations: string[];
}

export type BoardUpdate =
  | { type: 'snapshot'; snapshot: BoardSnapshot }
  | { type: 'order'; order: RailOrder }
  | { type: 'order.removed'; orderId: string }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'print-job'; job: PrintLogEntry }
  | { type: 'alert'; alert: 'order.submitted' | 'order.cancelled' | 'print.failed'; orderId?: string; jobId?: string };

export const OrderActionInputSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  to: z.enum(ORDER_STATUSES),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type OrderActionInput = z.infer<typeof OrderActionInputSchema>;

export const PrinterIdInputSchema = z.strictObject({ printerId: z.string().min(1).max(64) });
export const JobIdInputSchema = z.strictObject({ jobId: z.string().min(1).max(64) });
export const PrintLogInputSchema = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });


export interface TestConnectionResult {
  ok: boolean;
  message: string;
  realtime?: { key: string; host?: string; port?: number; cluster?: string; useTLS: boolean; embedded: boolean };
}

export interface PrinterStatus {
  printerId: string;
  online: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  message: string;
}

export interface TicketPreview {
  jobId: string;
  lines: { text: string; bold?: boolean; doubleHeight?: boolean; doubleWidth?: boolean; inverted?: boolean; red?: boolean; align?: 'left' | 'center' | 'right' }[];
}

/** Every operation the board can ask of the agent; each returns a promise of its result. */
export interface KitchenApi {
  getSnapshot(): Promise<BoardSnapshot>;
  orderAction(input: OrderActionInput): Promise<RailOrder>;
  dismissConflict(input: { orderId: string }): Promise<void>;
  getSettings(): Promise<RedactedSettings>;
  saveSettings(patch: SettingsPatch): Promise<RedactedSettings>;
  testConnection(): Promise<TestConnectionResult>;
  testPrint(input: { printerId: string }): Promise<{ ok: boolean; message: string }>;
  printerStatus(input: { printerId: string }): Promise<PrinterStatus>;
  printLog(input: { limit?: number }): Promise<PrintLogEntry[]>;
  reprint(input: { jobId: string }): Promise<PrintLogEntry>;
  previewJob(input: { jobId: string }): Promise<TicketPreview>;
  /** Live updates; returns an unsubscribe function. */
  subscribe(listener: (update: BoardUpdate) => void): () => void;
}

/** The result of a call across a process or network boundary: data, never a thrown Error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export { KITCHEN_API_METHODS, LOCAL_API, type KitchenApiMethod } from './kitchen-api-methods.js';


export { SettingsPatchSchema, type SettingsPatch } from './settings.js';
