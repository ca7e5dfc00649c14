/**
 * The mixed-script rows of `bench:agent` (issue 21): a 30-line kitchen ticket in eight scripts,
 * rendered and encoded to ESC/POS bytes, in `auto` mode (lines no code page holds are drawn with
 * Skia) and the same ticket in `codepage` mode (nothing drawn), measured side by side in one run,
 * interleaved so machine noise falls on both alike. In-process: rendering is what is measured, not
 * the transport.
 */
import { performance } from 'node:perf_hooks';
import type { Order } from '../../common/order.js';
import { FIXED_NOW, kitchenOrder, printerSettings, UTC } from '../../agent/printing/test-fixtures.js';
import { renderKitchenTicket } from '../../agent/printing/ticket-renderer.js';
import { percentile, type BenchRow } from './report.js';

const WARM_UP = 20;
const ROUNDS = 300;
const NAMES = ['Łukasz', 'Привет', 'Ελληνικά', 'שלום', 'مرحبا', 'สวัสดี', '你好', 'नमस्ते', 'Phở bò', 'Margherita'];

/** 30 printed item lines: ten dishes, each with a modifier and a note, in eight scripts. */
export function mixedScriptOrder(): Order {
  return kitchenOrder({
    customer: { name: 'Łukasz' },
    items: NAMES.map((name, i) => ({ name: `${name} ${i + 1}`, qty: 1 + (i % 3), station: 'kitchen', modifiers: [`+ ${NAMES[(i + 3) % NAMES.length]!}`], notes: NAMES[(i + 5) % NAMES.length] })),
  });
}

export function mixedScriptRows(): BenchRow[] {
  const order = mixedScriptOrder();
  const modes = { auto: printerSettings({ textMode: 'auto' }), codepage: printerSettings({ textMode: 'codepage' }) } as const;
  const samples: Record<keyof typeof modes, number[]> = { auto: [], codepage: [] };
  const bytes: Record<keyof typeof modes, number> = { auto: 0, codepage: 0 };
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    for (const mode of Object.keys(modes) as (keyof typeof modes)[]) {
      const started = performance.now();
      const ticket = renderKitchenTicket(order, { jobId: `bench-${round}`, station: 'kitchen' }, modes[mode], FIXED_NOW, UTC);
      const elapsed = performance.now() - started;
      bytes[mode] = ticket.length;
      if (round >= WARM_UP) samples[mode].push(elapsed);
    }
  }
  const row = (mode: keyof typeof modes, label: string): BenchRow => ({
    measure: label,
    'p50 ms': percentile(samples[mode], 50),
    'p99 ms': percentile(samples[mode], 99),
    'ticket bytes': bytes[mode],
  });
  // The cost of drawing, as ratios measured side by side (numbers that survive a noisy machine).
  const ratio = (p: number) => `${(percentile(samples.auto, p) / percentile(samples.codepage, p)).toFixed(1)}x`;
  return [
    { ...row('auto', '30-line mixed-script ticket rendered + encoded, textMode auto (drawn lines)'), 'p50 vs codepage': ratio(50), 'p99 vs codepage': ratio(99) },
    row('codepage', 'the same ticket, textMode codepage (no drawing), same run'),
  ];
}
