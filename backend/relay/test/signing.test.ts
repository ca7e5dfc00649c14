import PusherServer from 'pusher';
import { describe, expect, it } from 'vitest';
import { apiStringToSign, channelAuthSignature, hmacSha256Hex, userAuthSignature } from '../signing.js';

const VECTOR = {
  key: '278d425bdf160c739803',
  secret: '7ad3773142a6692b25b8',
  socketId: '1234.1234',
  channel: 'private-foobar',
  signature: '58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4',
};

const sdk = new PusherServer({ appId: '1', key: VECTOR.key, secret: VECTOR.secret, host: '127.0.0.1', useTLS: false });

describe('signatures', () => {
  it('matches Pusher\'s published private-channel test vector', () => {
    expect(channelAuthSignature(VECTOR.secret, VECTOR.socketId, VECTOR.channel)).toBe(VECTOR.signature);
    expect(sdk.authorizeChannel(VECTOR.socketId, VECTOR.channel).auth).toBe(`${VECTOR.key}:${VECTOR.signature}`);
  });

  it('signs presence channel_data the way the SDK does', () => {
    const auth = sdk.authorizeChannel(VECTOR.socketId, 'presence-foobar', { user_id: '10', user_info: { name: 'Mr. Channels' } });
    const signature = channelAuthSignature(VECTOR.secret, VECTOR.socketId, 'presence-foobar', auth.channel_data);
    expect(auth.auth).toBe(`${VECTOR.key}:${signature}`);
  });

  it('signs user sign-in data the way the SDK does', () => {
    const auth = sdk.authenticateUser(VECTOR.socketId, { id: 'cook-1' });
    expect(auth.auth).toBe(`${VECTOR.key}:${userAuthSignature(VECTOR.secret, VECTOR.socketId, auth.user_data)}`);
  });

  it('builds the HTTP API string-to-sign the SDK signs', () => {
    const body = '{"name":"e","data":"{}","channels":["c"]}';
    const query = sdk.createSignedQueryString({ method: 'POST', path: '/apps/1/events', body, params: { info: 'user_count' } });
    const params = new Map(new URLSearchParams(query));
    const expected = hmacSha256Hex(VECTOR.secret, apiStringToSign('POST', '/apps/1/events', params));
    expect(params.get('auth_signature')).toBe(expected);
  });
});
