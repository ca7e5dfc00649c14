import { describe, expect, it } from 'vitest';
import { createOriginGuard, ownHostValues } from './origin-guard.js';

describe('origin guard', () => {
  it('names the API by every loopback alias and the bind address, with its port', () => {
    expect([...ownHostValues('::1', 4810)].sort()).toEqual(['127.0.0.1:4810', '[::1]:4810', 'localhost:4810']);
    // Port 80 is left out of Host and of a serialised origin.
    expect(ownHostValues('127.0.0.1', 80)).toContain('localhost');
  });

  it('on loopback checks Host always and Origin when present', () => {
    const guard = createOriginGuard('127.0.0.1', 4810);
    expect(guard.refusal({ host: '127.0.0.1:4810' })).toBeUndefined();
    expect(guard.refusal({ host: '[::1]:4810', origin: 'http://[::1]:4810' })).toBeUndefined();
    expect(guard.refusal({ host: 'rebound.example:4810' })).toMatch(/not to host "rebound.example:4810"/);
    expect(guard.refusal({})).toMatch(/not to host ""/);
    expect(guard.refusal({ host: '127.0.0.1:4810', origin: 'http://localhost:4811' })).toMatch(/refused/);
  });

  it('off loopback lets any Host through but only a same-origin page', () => {
    const guard = createOriginGuard('0.0.0.0', 4810);
    expect(guard.refusal({ host: '192.168.1.20:4810' })).toBeUndefined();
    expect(guard.refusal({ host: '192.168.1.20:4810', origin: 'http://192.168.1.20:4810' })).toBeUndefined();
    expect(guard.refusal({ host: '192.168.1.20:4810', origin: 'http://evil.example' })).toMatch(/refused/);
  });
});
