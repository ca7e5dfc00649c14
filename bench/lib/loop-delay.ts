import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** `node --import` this into a process to read its event-loop delay over IPC (loop-delay-probe.mjs). */
export const LOOP_DELAY_PROBE = resolve(import.meta.dirname, 'loop-delay-probe.mjs');

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

function ask<T>(child: ChildProcess, message: string, answer: string): Promise<T> {
  return new Promise((resolveAnswer, reject) => {
    const timer = setTimeout(() => reject(new Error(`the agent did not answer ${message}`)), 10_000);
    const onMessage = (reply: { type?: string }) => {
      if (reply?.type !== answer) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolveAnswer(reply as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** The event-loop delay of a child started with LOOP_DELAY_PROBE and an IPC channel, in ms. */
export const loopDelay = {
  reset: (child: ChildProcess): Promise<void> => ask<unknown>(child, 'loop-delay:reset', 'loop-delay:reset').then(() => undefined),
  read: (child: ChildProcess): Promise<LoopDelay> => ask<LoopDelay>(child, 'loop-delay:read', 'loop-delay'),
};
