import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { isErrorBody } from '../common/errors.js';
import { ORDER_ROUTES } from '../common/api/routes/orders.js';
import { stationsOf, type OrderInput } from '../common/order.js';
import { sampleOrder } from './sample-orders.js';
import { describeError } from '../common/describe-error.js';

type Env = Record<string, string | undefined>;

export interface SimulateIo {
  env?: Env;
  print?: (line: string) => void;
  /** Stops the run early (the CLI wires SIGINT to it). */
  signal?: AbortSignal;
}

const USAGE = `usage: ticketrail simulate [--rate 1/s|5/min] [--count N] [--url URL] [--token TOKEN]

Posts realistic orders to the backend (TICKETRAIL_BACKEND_URL, default http://127.0.0.1:4800) with
the POS token POS_TOKEN. Without --count it runs until Ctrl-C.`;

export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:4800';

/** `5/s`, `1/s`, `30/min`, `2/m` → milliseconds between orders. */
export function parseRate(rate: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h)$/.exec(rate.trim());
  const count = match ? Number(match[1]) : 0;
  if (!match || !(count > 0) || count > 1000) throw new Error(`--rate must look like 1/s or 5/min (got "${rate}")`);
  const unitMs = match[2] === 'h' ? 3_600_000 : match[2]?.startsWith('m') ? 60_000 : 1_000;
  return unitMs / count;
}

function describeOrder(input: OrderInput): string {
  const where = input.type === 'dine_in' ? `table ${input.table ?? '?'}` : input.type;
  const who = input.customer?.name ? ` ${input.customer.name}` : '';
  const items = input.items.reduce((n, item) => n + item.qty, 0);
  return `${where}${who}, ${items} item(s) → ${stationsOf(input.items).join('+')}`;
}

/** `ticketrail simulate`: posts sample orders at a steady rate and prints one line per order. */
export async function runSimulateCli(argv: string[], io: SimulateIo = {}): Promise<{ sent: number; failed: number }> {
  const print = io.print ?? console.log;
  const env = io.env ?? process.env;
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '1/s' },
      count: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    print(USAGE);
    return { sent: 0, failed: 0 };
  }
  const intervalMs = parseRate(values.rate);
  const count = values.count === undefined ? Number.POSITIVE_INFINITY : Number(values.count);
  if (!Number.isInteger(count) && count !== Number.POSITIVE_INFINITY) throw new Error(`--count must be a whole number (got "${values.count}")`);
  const baseUrl = (values.url ?? env.TICKETRAIL_BACKEND_URL ?? DEFAULT_BACKEND_URL).replace(/\/+$/, '');
  const token = values.token ?? env.POS_TOKEN;
  if (!token) throw new Error('set POS_TOKEN (or --token) to a pos or admin token; `ticketrail tokens create --role pos` makes one');

  const stop = new AbortController();
  const onSigint = () => stop.abort();
  if (!io.signal) process.once('SIGINT', onSigint);
  const signal = io.signal ? AbortSignal.any([io.signal, stop.signal]) : stop.signal;
  let failures = 0;
  let sent = 0;
  try {
    const started = performance.now();
    for (let i = 0; i < count && !signal.aborted; i += 1) {
      const input = sampleOrder();
      sent += 1;
      const sentAt = performance.now();
      try {
        const response = await fetch(`${baseUrl}${ORDER_ROUTES.create.path}`, {
          method: ORDER_ROUTES.create.method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(5_000),
        });
        const body: unknown = await response.json();
        const ms = (performance.now() - sentAt).toFixed(0);
        const created = ORDER_ROUTES.create.answer.safeParse(body);
        if (response.status === 201 && created.success) {
          print(`${created.data.number.padEnd(7)} ${describeOrder(input)}  (${ms} ms)`);
        } else {
          failures += 1;
          print(`error   HTTP ${response.status} ${isErrorBody(body) ? `${body.code}: ${body.message}` : ''}`);
        }
      } catch (error) {
        failures += 1;
        print(`error   ${baseUrl} unreachable: ${describeError(error)}`);
      }
      // Steady rate: sleep until the next slot, not a fixed pause after each answer.
      const wait = started + (i + 1) * intervalMs - performance.now();
      if (wait > 0 && i + 1 < count) await sleep(wait, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (failures > 0) throw new Error(`${failures} of ${sent} orders failed`);
  return { sent, failed: failures };
}
