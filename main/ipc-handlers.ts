import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import type { AgentLogger } from '../agent/ports.js';
import { CodedError, type ErrorBody } from '../common/errors.js';
import { KITCHEN_API_METHODS, type ApiResult, type KitchenApi, type KitchenApiMethod } from '../common/kitchen-api.js';
import type { AppOrigin } from './app-origin.js';
import { IPC_ERRORS, type IssueSummary } from './errors.js';
import { channelFor, IPC_ROUTES, type IpcOutput, type IpcRoute } from './ipc-contract.js';
import type { SecretRegistry } from './secret-guard.js';

export interface IpcDispatcherDeps {
  api: KitchenApi;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  secrets: SecretRegistry;
  logger?: AgentLogger;
}

export type IpcDispatcher = <M extends KitchenApiMethod>(method: M, event: IpcMainInvokeEvent, args: readonly unknown[]) => Promise<ApiResult<IpcOutput<M>>>;

const MAX_REPORTED_ISSUES = 10;

/**
 * The work behind every `ticketrail:<method>` channel: check the sender, validate the input,
 * call the agent, and answer data. Nothing here throws to the renderer: a rejected invoke would
 * lose the error code, so every outcome is an ApiResult.
 */
export function createIpcDispatcher(deps: IpcDispatcherDeps): IpcDispatcher {
  const { api, isTrustedSender, secrets, logger } = deps;

  async function dispatch(method: KitchenApiMethod, event: IpcMainInvokeEvent, args: readonly unknown[]): Promise<ApiResult<unknown>> {
    if (!isTrustedSender(event)) {
      logger?.warn('ipc: refused a call from a foreign frame', { method, url: event.senderFrame?.url });
      return { ok: false, error: IPC_ERRORS.senderForbidden(method) };
    }
    // Widening to the map's common type: each route validates its own input before its call.
    const route: IpcRoute<z.ZodType, unknown> = IPC_ROUTES[method];
    const input = args[0];
    if (args.length > 1 || !isPlainObjectOrUndefined(input)) {
      return { ok: false, error: IPC_ERRORS.validationFailed(method, [{ path: '', message: 'expected one object argument (or none)' }]) };
    }
    const parsed = route.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: IPC_ERRORS.validationFailed(method, summarise(parsed.error)) };

    let result: ApiResult<unknown>;
    try {
      result = { ok: true, value: await route.call(api, parsed.data) };
    } catch (error) {
      result = { ok: false, error: toErrorBody(method, error, logger) };
    }
    if (secrets.contains(result)) {
      logger?.error('ipc: answer withheld, it contained a stored secret', { method });
      return { ok: false, error: IPC_ERRORS.secretWithheld(method) };
    }
    return result;
  }

  // The routes map ties each method to its KitchenApi output type; the generic signature restates it.
  return dispatch as IpcDispatcher;
}

/** Registers one `ipcMain.handle` per KitchenApi method; returns a function that removes them. */
export function registerKitchenIpc(deps: IpcDispatcherDeps): () => void {
  const dispatch = createIpcDispatcher(deps);
  for (const method of KITCHEN_API_METHODS) {
    ipcMain.handle(channelFor(method), (event, ...args) => dispatch(method, event, args));
  }
  return () => {
    for (const method of KITCHEN_API_METHODS) ipcMain.removeHandler(channelFor(method));
  };
}

/**
 * Only our window's top frame, showing our app, may call: not another window, not an iframe, not
 * a page the window was somehow navigated to.
 */
export function createSenderCheck(target: () => WebContents | undefined, origin: AppOrigin): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && origin.isAppUrl(frame.url);
  };
}

/** IPC delivers structured clones; anything but plain data (Map, Date, arrays, primitives) is refused up front. */
function isPlainObjectOrUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function summarise(error: z.ZodError): IssueSummary[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function toErrorBody(method: string, error: unknown, logger: AgentLogger | undefined): ErrorBody {
  if (error instanceof CodedError) return error.toBody();
  // An uncoded error is a bug, not a user problem: log it here, keep paths and stacks out of the UI.
  logger?.error('ipc: unexpected error', { method, error: error instanceof Error ? error.message : String(error) });
  return IPC_ERRORS.internal(method);
}
