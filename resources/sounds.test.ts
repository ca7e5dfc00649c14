import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOUND_FILES } from './sounds.js';

interface Wav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/** An independent reader (not the writer's mirror): walks RIFF chunks as any player would. */
function parseWav(bytes: Buffer): Wav {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  let offset = 12;
  let fmt: Omit<Wav, 'samples'> | undefined;
  let samples: Int16Array | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = bytes.subarray(offset + 8, offset + 8 + size);
    if (id === 'fmt ') {
      fmt = { format: body.readUInt16LE(0), channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), bitsPerSample: body.readUInt16LE(14) };
      expect(body.readUInt32LE(8)).toBe(fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8));
      expect(body.readUInt16LE(12)).toBe(fmt.channels * (fmt.bitsPerSample / 8));
    }
    if (id === 'data') samples = new Int16Array(body.buffer.slice(body.byteOffset, body.byteOffset + size));
    offset += 8 + size + (size % 2);
  }
  if (!fmt || !samples) throw new Error('missing fmt or data chunk');
  return { ...fmt, samples };
}

const rms = (s: Int16Array) => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / s.length) / 32768;
const peak = (s: Int16Array) => s.reduce((max, v) => Math.max(max, Math.abs(v)), 0) / 32768;

const EXPECTED = {
  'new-order.wav': { minSeconds: 0.5, maxSeconds: 0.7 },
  'alert.wav': { minSeconds: 0.7, maxSeconds: 0.9 },
  'receipt.wav': { minSeconds: 0.65, maxSeconds: 0.8 },
  'notice.wav': { minSeconds: 0.5, maxSeconds: 0.6 },
  'customer-cancel.wav': { minSeconds: 0.6, maxSeconds: 0.75 },
} as const;

describe.each(Object.entries(EXPECTED))('%s', (name, { minSeconds, maxSeconds }) => {
  const bytes = readFileSync(join(import.meta.dirname, 'sounds', name));
  const wav = parseWav(bytes);

  it('is 16-bit PCM mono at 22050 Hz', () => {
    expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: 22_050, bitsPerSample: 16 });
  });

  it(`lasts ${minSeconds}–${maxSeconds} s`, () => {
    const seconds = wav.samples.length / wav.sampleRate;
    expect(seconds).toBeGreaterThanOrEqual(minSeconds);
    expect(seconds).toBeLessThanOrEqual(maxSeconds);
  });

  it('is clearly audible and never clips', () => {
    expect(rms(wav.samples)).toBeGreaterThan(0.05);
    expect(peak(wav.samples)).toBeGreaterThan(0.5);
    expect(peak(wav.samples)).toBeLessThan(0.99);
  });

  it('fades in and out (no click at either end)', () => {
    const edge = Math.round(wav.sampleRate * 0.001);
    const { samples } = wav;
    // Starts and ends at silence, and ramps rather than jumps over the first millisecond.
    expect(Math.abs(samples[0] ?? 1) / 32768).toBeLessThan(0.01);
    expect(Math.abs(samples.at(-1) ?? 1) / 32768).toBeLessThan(0.01);
    expect(peak(samples.subarray(0, edge))).toBeLessThan(peak(samples) / 2);
    expect(peak(samples.subarray(samples.length - edge))).toBeLessThan(0.05);
  });

  it('is what resources/make-sounds.ts generates (regenerate after changing sounds.ts)', () => {
    expect(bytes.equals(SOUND_FILES[name as keyof typeof SOUND_FILES]())).toBe(true);
  });
});

describe('the two sounds are told apart', () => {
  it('the alert is lower than the chime (fewer zero crossings per second)', () => {
    const crossingsPerSecond = (name: string) => {
      const { samples, sampleRate } = parseWav(readFileSync(join(import.meta.dirname, 'sounds', name)));
      let crossings = 0;
      for (let i = 1; i < samples.length; i++) if (((samples[i - 1] ?? 0) < 0) !== ((samples[i] ?? 0) < 0)) crossings++;
      return crossings / (samples.length / sampleRate);
    };
    expect(crossingsPerSecond('alert.wav')).toBeLessThan(crossingsPerSecond('new-order.wav'));
  });
});
