/**
 * The decoding worker's program (piscina loads it in a worker thread; ticket-decoder.ts). Each call
 * is one DecodeTask; the main thread never waits on what runs here.
 */
import { runDecodeTask, type DecodeTask } from './decode-tasks.js';

export default function decode(task: DecodeTask): unknown {
  return runDecodeTask(task);
}
