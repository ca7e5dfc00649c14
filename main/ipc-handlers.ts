import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { AgentLogger } from '../agent/index.js';
import { KITCHEN_API_METHODS, type ApiResult, type KitchenApiMethod, type KitchenApiOutput, type KitchenHandlers } from '../common/kitchen-api.js';
import { dispatchKitchenCall } from '../common/kitchen-dispatch.js';
import { inputRefused, isPlainInput, NOT_ONE_OBJECT } from '../common/kitchen-input.js';
import type { AppOrigin } from './app-origin.js';
import { IPC_ERRORS } from './errors.js';
import { channelFor } from './ipc-contract.js';
import type { SecretRegistry } from './secret-guard.js';

export interface IpcDispatcherDeps {
  api: KitchenHandlers;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  secrets: SecretRegistry;
  /** Where unexpected errors are logged with their real text; the renderer gets INTERNAL only. */
  logger: AgentLogger;
}

export type IpcDispatcher = <M extends KitchenApiMethod>(method: M, event: IpcMainInvokeEvent, args: readonly unknown[]) => Promise<ApiResult<KitchenApiOutput<M>>>;

/**
 * The work behind every `ticketrail:<method>` channel: check the sender, validate the input with
 * its KITCHEN_API schema, call the agent, and answer data. Nothing here throws to the renderer: a
 * rejected invoke would lose the error code, so every outcome is an ApiResult.
 */
export function createIpcDispatcher(deps: IpcDispatcherDeps): IpcDispatcher {
  const { api, isTrustedSender, secrets, logger } = deps;

  async function dispatch(method: KitchenApiMethod, event: IpcMainInvokeEvent, args: readonly unknown[]): Promise<ApiResult<unknown>> {
    if (!isTrustedSender(event)) {
      logger.warn('ipc: refused a call from a foreign frame', { method, url: event.senderFrame?.url });
      return { ok: false, error: IPC_ERRORS.senderForbidden(method) };
    }
    const input = args[0];
    if (args.length > 1 || !isPlainInput(input)) return { ok: false, error: inputRefused(method, [NOT_ONE_OBJECT]) };
    const { result } = await dispatchKitchenCall(api, method, input, logger);
    if (secrets.contains(result)) {
      logger.error('ipc: answer withheld, it contained a stored secret', { method });
      return { ok: false, error: IPC_ERRORS.secretWithheld(method) };
    }
    return result;
  }

  // KITCHEN_API ties each method to its output type; the generic signature restates it.
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
