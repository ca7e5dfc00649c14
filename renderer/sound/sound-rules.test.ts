import { describe, expect, it } from 'vitest';
import { SOUND_FILES, SoundDedup, soundForAlert } from './sound-rules.js';

describe('soundForAlert', () => {
  it('plays the primary sound for new orders and the secondary one for problems', () => {
    expect(soundForAlert('order.submitted')).toBe('new-order');
    expect(soundForAlert('order.cancelled')).toBe('alert');
    expect(soundForAlert('print.failed')).toBe('alert');
  });

  it('plays a sound of its own when the diner cancels (issue 24), not the staff cancel\'s alarm', () => {
    expect(soundForAlert('order.cancelled_by_customer')).toBe('customer-cancel');
    expect(SOUND_FILES['customer-cancel']).toBe('customer-cancel.wav');
    expect(SOUND_FILES['customer-cancel']).not.toBe(SOUND_FILES[soundForAlert('order.cancelled')]);
  });

  it('plays a second, distinct sound for an uploaded receipt, once per order', () => {
    expect(soundForAlert('payment.receipt_uploaded')).toBe('receipt');
    expect(SOUND_FILES.receipt).toBe('receipt.wav');
    expect(new Set(Object.values(SOUND_FILES)).size).toBe(Object.keys(SOUND_FILES).length);
    const dedup = new SoundDedup();
    expect(dedup.shouldPlay('payment.receipt_uploaded', 'o1')).toBe(true);
    expect(dedup.shouldPlay('payment.receipt_uploaded', 'o1')).toBe(false);
    expect(dedup.shouldPlay('order.submitted', 'o1')).toBe(true);
  });
});

describe('SoundDedup', () => {
  it('sounds once per (alert type, order)', () => {
    const dedup = new SoundDedup();
    expect(dedup.shouldPlay('order.submitted', 'o1')).toBe(true);
    expect(dedup.shouldPlay('order.submitted', 'o1')).toBe(false);
    expect(dedup.shouldPlay('order.cancelled', 'o1')).toBe(true);
    expect(dedup.shouldPlay('order.submitted', 'o2')).toBe(true);
  });

  it('always sounds alerts it cannot tell apart (no id)', () => {
    const dedup = new SoundDedup();
    expect(dedup.shouldPlay('print.failed', undefined)).toBe(true);
    expect(dedup.shouldPlay('print.failed', undefined)).toBe(true);
  });

  it('forgets the oldest pairs past its capacity', () => {
    const dedup = new SoundDedup(2);
    dedup.shouldPlay('order.submitted', 'o1');
    dedup.shouldPlay('order.submitted', 'o2');
    dedup.shouldPlay('order.submitted', 'o3');
    expect(dedup.shouldPlay('order.submitted', 'o3')).toBe(false);
    expect(dedup.shouldPlay('order.submitted', 'o1')).toBe(true);
  });
});
