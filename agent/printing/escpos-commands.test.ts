import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../common/seeded-random.js';
import { DIALECTS, completeCommandLength, knownCommandSpec, measureCommand } from './escpos-commands.js';

/** Bytes weighted toward control bytes and small numbers, so that commands and their parameters are common. */
function randomJob(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const pick = random();
    bytes[i] = pick < 0.35 ? Math.floor(random() * 0x20) : pick < 0.7 ? Math.floor(random() * 8) : Math.floor(random() * 256);
  }
  return bytes;
}

describe('the allocation-free command path', () => {
  it('agrees with measureCommand on every control byte of 2,000 random jobs, in both dialects', () => {
    const random = seededRandom(1707);
    let complete = 0;
    for (const dialect of DIALECTS) {
      for (let job = 0; job < 1_000; job++) {
        const bytes = randomJob(random, 4 + Math.floor(random() * 60));
        for (let pos = 0; pos < bytes.length; pos++) {
          if (bytes[pos]! >= 0x20) continue;
          const measured = measureCommand(dialect, bytes, pos);
          const spec = knownCommandSpec(dialect, bytes, pos);
          const length = spec ? completeCommandLength(dialect, bytes, pos, spec) : 0;
          if (measured.status === 'complete') {
            complete++;
            expect({ spec, length }).toEqual({ spec: measured.spec, length: measured.length });
          } else {
            expect(length).toBe(0);
          }
        }
      }
    }
    // The random jobs reach plenty of complete commands (images and styles among them).
    expect(complete).toBeGreaterThan(5_000);
  });
});
