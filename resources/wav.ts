/**
 * A minimal WAV writer: 16-bit PCM, mono. Enough for the two alert sounds, and deterministic, so
 * regenerating the files gives the same bytes (a test checks the committed files against it).
 */
export const WAV_FORMAT_PCM = 1;
const HEADER_BYTES = 44;

/** Samples are floats in [-1, 1]; anything outside is clipped rather than wrapped around. */
export function encodeWavPcm16(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(HEADER_BYTES + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16); // fmt chunk size for PCM
  out.writeUInt16LE(WAV_FORMAT_PCM, 20);
  out.writeUInt16LE(1, 22); // channels
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) {
    const clipped = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out.writeInt16LE(Math.round(clipped * 32767), HEADER_BYTES + i * 2);
  }
  return out;
}
