/**
 * The board's two alert sounds, synthesised so the repository needs no downloaded audio.
 * - new order: a bright two-note chime rising a fourth (B5 → E6), bell-like partials, ~0.6 s;
 * - alert (cancelled order, failed print): a lower, insistent triple beep (D5, soft square), ~0.8 s;
 * - counter notice (gift card sold, loyalty points): a soft rising arpeggio (E5 G5 C6), nearly pure
 *   tones that die away fast, ~0.55 s: news for the counter, not a call to the pass.
 * - receipt uploaded (front of house): a doorbell falling a minor third (A5 → F#5), ~0.7 s.
 * Every note starts and ends with a short fade: a waveform cut mid-swing clicks.
 */
import { encodeWavPcm16 } from './wav.js';

export const SOUND_SAMPLE_RATE = 22_050;
/** Peak level: loud enough for a noisy kitchen, with headroom so no sample clips. */
const PEAK = 0.85;

interface Note {
  start: number;
  duration: number;
  frequency: number;
  /** Relative amplitudes of the 1st, 2nd, 3rd… harmonics. */
  partials: readonly number[];
  /** Exponential decay time constant in seconds; Infinity for a steady tone. */
  decay: number;
  fadeIn: number;
  fadeOut: number;
}

function render(notes: readonly Note[], totalSeconds: number): Float32Array {
  const samples = new Float32Array(Math.round(totalSeconds * SOUND_SAMPLE_RATE));
  for (const note of notes) {
    const first = Math.round(note.start * SOUND_SAMPLE_RATE);
    const count = Math.round(note.duration * SOUND_SAMPLE_RATE);
    for (let i = 0; i < count && first + i < samples.length; i++) {
      const t = i / SOUND_SAMPLE_RATE;
      let value = 0;
      note.partials.forEach((amplitude, k) => {
        value += amplitude * Math.sin(2 * Math.PI * note.frequency * (k + 1) * t);
      });
      const envelope = Math.exp(-t / note.decay) * Math.min(1, t / note.fadeIn, (note.duration - t) / note.fadeOut);
      samples[first + i] = (samples[first + i] ?? 0) + value * envelope;
    }
  }
  return normalise(samples);
}

function normalise(samples: Float32Array): Float32Array {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  if (peak === 0) return samples;
  return samples.map((s) => (s / peak) * PEAK);
}

const BELL = [1, 0.35, 0.12, 0.05] as const;
/** Odd harmonics only, rolled off: square-ish, so it cuts through kitchen noise, but not harsh. */
const SOFT_SQUARE = [1, 0, 0.3, 0, 0.12, 0, 0.05] as const;

export function newOrderChime(): Float32Array {
  return render(
    [
      { start: 0, duration: 0.32, frequency: 987.77, partials: BELL, decay: 0.16, fadeIn: 0.004, fadeOut: 0.03 },
      { start: 0.16, duration: 0.44, frequency: 1318.51, partials: BELL, decay: 0.2, fadeIn: 0.004, fadeOut: 0.06 },
    ],
    0.6,
  );
}

export function alertBeeps(): Float32Array {
  const beep = (start: number): Note => ({ start, duration: 0.17, frequency: 587.33, partials: SOFT_SQUARE, decay: Infinity, fadeIn: 0.008, fadeOut: 0.012 });
  return render([beep(0), beep(0.27), beep(0.54)], 0.8);
}

/** Mostly the fundamental: round and quiet in character, unlike the chime's bright partials. */
const SOFT_MALLET = [1, 0.12, 0.03] as const;

export function noticeArpeggio(): Float32Array {
  const note = (start: number, frequency: number): Note => ({ start, duration: 0.34, frequency, partials: SOFT_MALLET, decay: 0.09, fadeIn: 0.005, fadeOut: 0.04 });
  return render([note(0, 659.25), note(0.09, 783.99), note(0.18, 1046.5)], 0.55);
}

/** A bright doorbell falling a minor third (A5 → F#5) with strong partials: a receipt to look at. */
const DOORBELL = [1, 0.55, 0.3, 0.12] as const;

export function receiptDoorbell(): Float32Array {
  const note = (start: number, frequency: number): Note => ({ start, duration: 0.46, frequency, partials: DOORBELL, decay: 0.22, fadeIn: 0.004, fadeOut: 0.05 });
  return render([note(0, 880), note(0.26, 739.99)], 0.72);
}

/**
 * A diner cancelled (issue 24): two soft mallet notes falling a fifth (E5 → A4), slower than the
 * notice's rising arpeggio and without the alert's square beeps — "never mind", not "act now".
 */
export function customerCancelFall(): Float32Array {
  const note = (start: number, frequency: number): Note => ({ start, duration: 0.4, frequency, partials: SOFT_MALLET, decay: 0.16, fadeIn: 0.005, fadeOut: 0.06 });
  return render([note(0, 659.25), note(0.24, 440)], 0.7);
}

export const SOUND_FILES = {
  'new-order.wav': () => encodeWavPcm16(newOrderChime(), SOUND_SAMPLE_RATE),
  'alert.wav': () => encodeWavPcm16(alertBeeps(), SOUND_SAMPLE_RATE),
  'receipt.wav': () => encodeWavPcm16(receiptDoorbell(), SOUND_SAMPLE_RATE),
  'notice.wav': () => encodeWavPcm16(noticeArpeggio(), SOUND_SAMPLE_RATE),
  'customer-cancel.wav': () => encodeWavPcm16(customerCancelFall(), SOUND_SAMPLE_RATE),
} as const;
