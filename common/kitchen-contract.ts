import type { z } from 'zod';
import {
  DismissConflictInputSchema,
  JobIdInputSchema,
  MoveWaitingInputSchema,
  PrintElsewhereInputSchema,
  NoInputSchema,
  OrderActionInputSchema,
  OrderIdInputSchema,
  StationActionInputSchema,
  ToggleItemDoneInputSchema,
  PrinterIdInputSchema,
  PrintLogInputSchema,
  type ApiResult,
  type BoardSnapshot,
  type BoardUpdate,
  type BoardUpdateSource,
  type PrinterStatus,
  type PrintLogEntry,
  type RailOrder,
  type TestConnectionResult,
  type TestPrintResult,
  type TicketPreview,
} from './kitchen-api.js';
import { answers, type Answer } from './kitchen-answer.js';
import { PRINTER_SETUP_OPERATIONS } from './operations/printer-setup-operations.js';
import { SETTINGS_LOCK_OPERATIONS } from './operations/settings-lock-operations.js';
import { TABLETRACK_OPERATIONS } from './operations/tabletrack-operations.js';
import { TICKETRAIL_OPERATIONS } from './operations/ticketrail-operations.js';
import { SettingsPatchInputSchema, type RedactedSettings } from './settings.js';

export type { Answer } from './kitchen-answer.js';

/** The operations every agent carries, whatever sources it serves (agent/kitchen-service.ts). */
export const CORE_OPERATIONS = {
  getSnapshot: { input: NoInputSchema, output: answers<BoardSnapshot>() },
  orderAction: { input: OrderActionInputSchema, output: answers<RailOrder>() },
  dismissConflict: { input: DismissConflictInputSchema, output: answers<void>() },
  // Stations (issue 19): each station bumps its own part; a served order comes back.
  bumpStation: { input: StationActionInputSchema, output: answers<RailOrder>() },
  recallStation: { input: StationActionInputSchema, output: answers<RailOrder>() },
  /** A completed order back to ready (the backend allows it for RECALL_WINDOW_MINUTES). */
  recallOrder: { input: OrderIdInputSchema, output: answers<RailOrder>() },
  /** The last RECENTLY_COMPLETED_LIMIT completed orders, the most recent completion first. */
  recentlyCompleted: { input: NoInputSchema, output: answers<RailOrder[]>() },
  /** A line of a card struck through by a tap, or back: kept by this agent only (survives a restart), never sent to a source. */
  toggleItemDone: { input: ToggleItemDoneInputSchema, output: answers<RailOrder>() },
  getSettings: { input: NoInputSchema, output: answers<RedactedSettings>() },
  saveSettings: { input: SettingsPatchInputSchema, output: answers<RedactedSettings>() },
  testConnection: { input: NoInputSchema, output: answers<TestConnectionResult>() },
  testPrint: { input: PrinterIdInputSchema, output: answers<TestPrintResult>() },
  printerStatus: { input: PrinterIdInputSchema, output: answers<PrinterStatus>() },
  printLog: { input: PrintLogInputSchema, output: answers<PrintLogEntry[]>() },
  reprint: { input: JobIdInputSchema, output: answers<PrintLogEntry>() },
  previewJob: { input: JobIdInputSchema, output: answers<TicketPreview>() },
  // Issue 20: a ticket that did not print, from its card. Retry: a waiting one tries again now, a
  // failed one prints again (as a reprint); Print elsewhere: on another printer; each exactly once.
  retryPrint: { input: JobIdInputSchema, output: answers<PrintLogEntry>() },
  printElsewhere: { input: PrintElsewhereInputSchema, output: answers<PrintLogEntry>() },
  moveWaitingJobs: { input: MoveWaitingInputSchema, output: answers<{ moved: string[] }>() },
} as const satisfies Record<string, { input: z.ZodType; output: Answer<unknown> }>;

/**
 * Every operation the board can ask of the agent, defined once: its name, the schema its input must
 * pass, and what it answers. The KitchenApi type, the agent's handlers, the IPC handlers, the local
 * HTTP API's routes, both renderer adapters and the preload bridge are all built from this map, so
 * adding an operation is one line in its slice and one handler: agent/kitchen-service.ts for the
 * core ones, the source's registry module for a source's own (agent/connectors/…).
 *
 * Input is validated once, where it enters the agent's process (the IPC handler, the local HTTP
 * route: see dispatchKitchenCall); the handlers then take the parsed input as typed.
 *
 * Zod lives here: bundles that must stay free of it (the sandboxed preload, the board's startup
 * chunk) import only kitchen-api-methods.ts and types from this file.
 */
export const KITCHEN_API = {
  ...CORE_OPERATIONS,
  ...PRINTER_SETUP_OPERATIONS,
  ...SETTINGS_LOCK_OPERATIONS,
  // A source's own operations, declared in its slice (as Actual Budget's features declare theirs)
  // and carried out by its registry module in the agent.
  ...TICKETRAIL_OPERATIONS,
  ...TABLETRACK_OPERATIONS,
} as const satisfies Record<string, { input: z.ZodType; output: Answer<unknown> }>;

export type KitchenContract = typeof KITCHEN_API;
export type KitchenOperation = keyof KitchenContract;

/** What a caller may pass (before the schema's defaults and trimming). */
export type KitchenApiInput<M extends KitchenOperation> = z.input<KitchenContract[M]['input']>;
/** What a handler receives: the input as its schema parsed it. */
export type KitchenApiParsedInput<M extends KitchenOperation> = z.output<KitchenContract[M]['input']>;
/** The handlers of one slice of the map (the core's, or a source's). */
export type SliceHandlers<S extends Record<string, { input: z.ZodType; output: Answer<unknown> }>> = {
  readonly [M in keyof S & KitchenOperation]: (...input: HandlerArgs<M>) => Promise<KitchenApiOutput<M>>;
};

/** What an operation answers. */
export type KitchenApiOutput<M extends KitchenOperation> = KitchenContract[M]['output'] extends Answer<infer T> ? T : never;

/** Operations without input may be called with no argument at all. */
type OptionalWhenUndefined<T> = undefined extends T ? [input?: T] : [input: T];
type CallArgs<M extends KitchenOperation> = OptionalWhenUndefined<KitchenApiInput<M>>;
type HandlerArgs<M extends KitchenOperation> = OptionalWhenUndefined<KitchenApiParsedInput<M>>;

/** The board's side: every operation with the input a caller may pass, plus live updates. */
export type KitchenApi = { readonly [M in KitchenOperation]: (...input: CallArgs<M>) => Promise<KitchenApiOutput<M>> } & BoardUpdateSource;

/**
 * The agent's side: every operation taking its parsed input, plus live updates. Only the transport
 * edges (which validate) and in-process callers holding typed values call these.
 */
export type KitchenHandlers = { readonly [M in KitchenOperation]: (...input: HandlerArgs<M>) => Promise<KitchenApiOutput<M>> } & BoardUpdateSource;

/**
 * `window.ticketrail`, as Electron's preload exposes it through contextBridge: one function per
 * operation answering an ApiResult (errors are data, never a rejected promise), plus a live-update
 * subscription that returns its unsubscribe function. Declared here once for both sides: the
 * preload builds it, the renderer's IPC adapter calls it.
 */
export type TicketrailBridge = {
  readonly [M in KitchenOperation]: (...input: CallArgs<M>) => Promise<ApiResult<KitchenApiOutput<M>>>;
} & {
  onUpdate(listener: (update: BoardUpdate) => void): () => void;
};
