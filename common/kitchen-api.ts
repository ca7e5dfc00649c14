import { z } from 'zod';
import type { TableTrackFound } from './connector-check.js';
import type { ErrorBody } from './errors.js';
import { ORDER_STATUSES, StationSchema, type Order } from './order.js';
import type { PaymentStatus, PaymentType } from './payment-status.js';
import type { PrintJob } from './print-job.js';
import type { LocalJobStage, PrinterProblem, PrintingState } from './printer-trouble.js';

/**
 * The data the board's operations carry, and their input schemas. The operations themselves (name,
 * input schema, answer) are one map, KITCHEN_API in kitchen-contract.ts, from which the KitchenApi
 * type and every transport are built.
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
  /** Payments the diner was asked for, oldest first (front of house; absent when none). */
  payments?: RailPayment[];
  /** Who delivers the order and where it can be followed. */
  courier?: RailCourier;
  /**
   * The card's lines struck through on the board (`toggleItemDone`), ascending: indexes into
   * `items`, or into `source.blocks` for a source card (common/struck-lines.ts). Local to this
   * agent, never sent to a source; absent when none.
   */
  struckItems?: number[];
}

/** A payment as a card shows it: kept by the agent from the payment events, so it survives a restart. */
export interface RailPayment {
  id: string;
  type: PaymentType;
  /** Minor units. */
  amount: number;
  currency: string;
  status: PaymentStatus;
  qrExpiresAt?: string;
  /** Why the last receipt was rejected. */
  rejectReason?: string;
  updatedAt: string;
  version: number;
}

export interface RailCourier {
  vendor: string;
  trackingUrl: string;
  etaMinutes?: number;
  /** The courier's own name and phone (issue 24), when given. */
  name?: string;
  phone?: string;
  updatedAt: string;
  version: number;
}

/** A payment's receipt, fetched by the agent with its own token: the board never holds a backend token. */
export interface ReceiptView {
  paymentId: string;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** The image as a data: URL (the board's CSP allows data: images and nothing remote). */
  dataUrl: string;
}

export interface PrintLogEntry extends PrintJob {
  printerId?: string;
  /** true when the local agent printed (or tried to print) this job. */
  local: boolean;
  /**
   * How a done job was confirmed when it was not by the printer itself: the spooler accepted it, or
   * a device file / a line without a return path took the bytes (docs/printing.md). The board
   * words it (printLog `confirmedBy.*`).
   */
  confirmedBy?: 'spooler' | 'device';
  /**
   * Where a job this agent holds stands (issue 20): waiting its turn, bytes on their way ("printing"
   * means only this), or waiting for a printer that needs attention. Absent once the job is final.
   */
  stage?: LocalJobStage;
  /** Which printer the job waits for, and why (with stage `needsAttention`). */
  attention?: { printerId: string; printerName: string; problem: PrinterProblem };
}

export interface BoardSnapshot {
  orders: RailOrder[];
  connection: ConnectionState;
  stations: string[];
  /** Printers in trouble and tickets not printed (issue 20); absent from agents older than it. */
  printing?: PrintingState;
  /** Today's counter notices, newest first (they stay for the day; absent when there are none). */
  notices?: BoardNotice[];
}

/** What the counter view shows as a short-lived notice (not an order card): gift card sales and loyalty changes. */
export const NOTICE_KINDS = ['gift_card.purchased', 'gift_card.redeemed', 'gift_card.voided', 'loyalty.updated'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeValues {
  card?: string;
  amount?: number;
  balance?: number;
  currency?: string;
  points?: number;
  reason?: string;
}

export interface BoardNotice {
  /** `seq-<n>`: the event it came from, so a notice shows (and sounds) once. */
  id: string;
  kind: NoticeKind;
  /** One line for the counter in English, e.g. "Gift card sold: EUR 50.00 (GC-…XH4T)": logs, and boards older than `values`. */
  text: string;
  /**
   * What the line says, as data: the board writes it in its own language from `kind` and these
   * (renderer/components/counter/notice-text.ts). Amounts are in minor units of `currency`; `card`
   * is already masked; `points` is the change (negative when redeemed), `balance` the new balance
   * (the card's, or the customer's points).
   */
  values?: NoticeValues;
  /** When it happened (the event's time). */
  at: string;
}

export type BoardUpdate =
  | { type: 'snapshot'; snapshot: BoardSnapshot }
  | { type: 'order'; order: RailOrder }
  | { type: 'order.removed'; orderId: string }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'print-job'; job: PrintLogEntry }
  | { type: 'notice'; notice: BoardNotice }
  | { type: 'printing'; printing: PrintingState }
  | {
      type: 'alert';
      /** `order.cancelled_by_customer` (issue 24): the diner cancelled; a sound and a notice of their own. */
      alert: 'order.submitted' | 'order.cancelled' | 'order.cancelled_by_customer' | 'print.failed' | 'payment.receipt_uploaded' | 'printer.problem';
      orderId?: string;
      /** The order's number, for a notice about an order whose card has left ("#A-014 cancelled by the customer"). */
      orderNumber?: string;
      jobId?: string;
      /** `printer.problem` (issue 20): the printer whose new problem sounds. */
      printerId?: string;
    };

const orderIdField = z.string().min(1).max(64);

export const OrderActionInputSchema = z.strictObject({
  orderId: orderIdField,
  to: z.enum(ORDER_STATUSES),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type OrderActionInput = z.infer<typeof OrderActionInputSchema>;

/** A station's part of an order: bump it (`bumpStation`) or bring it back (`recallStation`). */
export const StationActionInputSchema = z.strictObject({ orderId: orderIdField, station: StationSchema });
export type StationActionInput = z.infer<typeof StationActionInputSchema>;

/** `toggleItemDone`: a line of a card struck through, or back (common/struck-lines.ts says which lines). */
export const ToggleItemDoneInputSchema = z.strictObject({ orderId: orderIdField, itemIndex: z.number().int().min(0).max(9_999) });

/** `recallOrder`: a completed order back to ready. */
export const OrderIdInputSchema = z.strictObject({ orderId: orderIdField });

export const PrinterIdInputSchema = z.strictObject({ printerId: z.string().min(1).max(64) });
export const JobIdInputSchema = z.strictObject({ jobId: z.string().min(1).max(64) });
/** Print elsewhere: a ticket that waits (or failed) goes to another configured printer. */
export const PrintElsewhereInputSchema = z.strictObject({ jobId: z.string().min(1).max(64), printerId: z.string().min(1).max(64) });
/** The unreachable printer's offer: its waiting tickets go to another printer of its station. */
export const MoveWaitingInputSchema = z.strictObject({ fromPrinterId: z.string().min(1).max(64), toPrinterId: z.string().min(1).max(64) });
export const PrintLogInputSchema = z.strictObject({ limit: z.number().int().min(1).max(500).default(100) });
export const DismissConflictInputSchema = z.strictObject({ orderId: orderIdField });
export const PaymentIdInputSchema = z.strictObject({ paymentId: z.string().min(1).max(64) });
export const RejectPaymentInputSchema = z.strictObject({ paymentId: z.string().min(1).max(64), reason: z.string().trim().min(1).max(500) });
/** Methods without input accept nothing or an empty object, never stray keys. */
export const NoInputSchema = z.union([z.undefined(), z.strictObject({})]);

/** "Find printers": an optional range (192.168.1.0/24, 10.0.0.10-10.0.0.50); none scans the PC's own subnets. */
export const FindPrintersInputSchema = z.strictObject({ range: z.string().trim().max(200).optional() });
/** A logo upload: a PNG or JPEG data URL (at most 2 MB of image) and the paper it is for. */
export const LOGO_UPLOAD_MAX_CHARS = 2_900_000;
export const PrepareLogoInputSchema = z.strictObject({
  image: z.string().max(LOGO_UPLOAD_MAX_CHARS, 'the image is larger than 2 MB'),
  width: z.union([z.literal(58), z.literal(80)]),
});

export interface FoundNetworkPrinter {
  host: string;
  port: number;
  /** The interface string to add it with (tcp://HOST:PORT). */
  interface: string;
  /** What DLE EOT 1 said: ready, offline… (the agent's English, as printer status texts are). */
  status: string;
  maker?: string;
  model?: string;
}

export interface FindPrintersResult {
  found: FoundNetworkPrinter[];
  /** How many addresses were asked, and which ranges ([]: this PC's own networks). */
  scanned: number;
  ranges: string[];
}

/** A printer of this PC, ready to add: its interface string and what to call it. */
export interface LocalPrinterChoice {
  interface: string;
  /** What the spooler or the device calls it; '' when a USB device names no maker or product (Settings words it). */
  name: string;
  detail?: string;
}

/** Why one of this PC's lists may be empty; `message` is the system's own (English) text. */
export interface SystemPrintersNote {
  list: 'spooler' | 'usb' | 'serial';
  message: string;
}

export interface SystemPrintersResult {
  /** Printers of the OS spooler (lpstat, Get-Printer): `printer:NAME`. */
  spooler: LocalPrinterChoice[];
  /** USB printers (class 7) attached to this PC: `usb://VID:PID/SERIAL`. */
  usb: LocalPrinterChoice[];
  /** Serial ports: `serial://PATH?baud=9600`. */
  serial: LocalPrinterChoice[];
  /** Why a list may be empty (no CUPS, no USB access…). */
  notes: SystemPrintersNote[];
}

export interface PreparedLogo {
  /** The dithered 1-bit PNG as a data URL: what `PrinterSettings.logo` holds, and the preview. */
  logo: string;
  width: number;
  height: number;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
  realtime?: { key: string; host?: string; port?: number; cluster?: string; useTLS: boolean; embedded: boolean };
  /** What a TableTrack install answered (connector `tabletrack`). */
  tabletrack?: TableTrackFound;
  /** Why it failed, when a field is to blame: `details.issues[].path` names it (a rejected TableTrack key: tabletrack.key). */
  error?: ErrorBody;
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
  /** A line of text, or a raster image (drawn text, a logo) as a PNG data URL with empty text. */
  lines: { text: string; bold?: boolean; doubleHeight?: boolean; doubleWidth?: boolean; inverted?: boolean; red?: boolean; align?: 'left' | 'center' | 'right'; image?: string }[];
}

export interface TestPrintResult {
  ok: boolean;
  message: string;
}

/** Live updates: the one operation that is not a call. Returns an unsubscribe function. */
export interface BoardUpdateSource {
  subscribe(listener: (update: BoardUpdate) => void): () => void;
}

/** The result of a call across a process or network boundary: data, never a thrown Error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export { KITCHEN_API_METHODS, LOCAL_API, type KitchenApiMethod } from './kitchen-api-methods.js';
export type { KitchenApi, KitchenApiInput, KitchenApiOutput, KitchenHandlers } from './kitchen-contract.js';

export { SettingsPatchSchema, type SettingsPatch } from './settings.js';
