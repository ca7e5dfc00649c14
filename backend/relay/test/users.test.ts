import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE_CODES } from '../index.js';
import type { RunningRelay } from '../index.js';
import { closeCode, connected, type RawClient, serverSdk, waitFor, relayTestKit } from './helpers.js';
import type { Pusher } from './helpers.js';

const { startTestRelay, pusherClient, openRaw } = relayTestKit();

/** Resolves once pusher-js has signed in and subscribed its #server-to-user channel. */
function signedIn(client: Pusher): Promise<void> {
  return waitFor('pusher-js signed in', (resolve) => {
    client.connection.bind('message', (event: { event: string; channel?: string }) => {
      if (event.event === 'pusher_internal:subscription_succeeded' && event.channel?.startsWith('#server-to-user-')) {
        resolve(undefined);
      }
    });
  });
}

function nextUserEvent(client: Pusher, event: string): Promise<unknown> {
  return waitFor(`user event ${event}`, (resolve) => client.user.bind(event, (data: unknown) => resolve(data)));
}

async function rawSignedIn(relay: RunningRelay, userId: string): Promise<RawClient> {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  raw.send({ event: 'pusher:signin', data: serverSdk(relay).authenticateUser(socketId, { id: userId }) });
  await raw.next('signin_success', (f) => f.event === 'pusher:signin_success');
  return raw;
}

describe('user sign-in', () => {
  it('answers pusher:signin with pusher:signin_success carrying the user_data string', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    const socketId = await raw.socketId();
    const auth = serverSdk(relay).authenticateUser(socketId, { id: 'cook-1', name: 'Sam' });
    raw.send({ event: 'pusher:signin', data: auth });
    const frame = await raw.next('signin_success', (f) => f.event === 'pusher:signin_success');
    expect(JSON.parse(String(frame.data))).toEqual({ user_data: auth.user_data });
  });

  it('refuses a sign-in signed for another socket with pusher:error, keeping the connection', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:signin', data: serverSdk(relay).authenticateUser('1.2', { id: 'cook-1' }) });
    const error = await raw.next('pusher:error', (f) => f.event === 'pusher:error');
    expect(JSON.parse(String(error.data))).toMatchObject({ code: CLOSE_CODES.CONNECTION_UNAUTHORIZED });
    expect(raw.count((f) => f.event === 'pusher:signin_success')).toBe(0);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('delivers sendToUser to every connection of that user and to nobody else', async () => {
    const relay = await startTestRelay();
    const tab1 = pusherClient(relay, { signInAs: 'cook-1' });
    const tab2 = pusherClient(relay, { signInAs: 'cook-1' });
    const other = await rawSignedIn(relay, 'cook-2');
    await Promise.all([signedIn(tab1), signedIn(tab2)]);

    const atTab1 = nextUserEvent(tab1, 'shift.changed');
    const atTab2 = nextUserEvent(tab2, 'shift.changed');
    await serverSdk(relay).sendToUser('cook-1', 'shift.changed', { station: 'grill' });
    expect(await atTab1).toEqual({ station: 'grill' });
    expect(await atTab2).toEqual({ station: 'grill' });

    await serverSdk(relay).sendToUser('cook-2', 'barrier', {});
    await other.next('barrier', (f) => f.event === 'barrier');
    expect(other.count((f) => f.event === 'shift.changed')).toBe(0);
  });

  it('refuses a #server-to-user subscription from a socket not signed in as that user', async () => {
    const relay = await startTestRelay();
    const raw = await rawSignedIn(relay, 'cook-2');
    raw.send({ event: 'pusher:subscribe', data: { channel: '#server-to-user-cook-1' } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(JSON.parse(String(frame.data))).toMatchObject({ status: 401 });
  });

  it('terminate_connections closes every socket of the user with 4009 and leaves others alone', async () => {
    const relay = await startTestRelay();
    const tab1 = await rawSignedIn(relay, 'cook-1');
    const tab2 = await rawSignedIn(relay, 'cook-1');
    const other = await rawSignedIn(relay, 'cook-2');
    const response = await serverSdk(relay).terminateUserConnections('cook-1');
    expect(await response.text()).toBe('{}');
    expect(await closeCode(tab1)).toBe(CLOSE_CODES.CONNECTION_UNAUTHORIZED);
    expect(await closeCode(tab2)).toBe(CLOSE_CODES.CONNECTION_UNAUTHORIZED);
    other.send({ event: 'pusher:ping', data: {} });
    await other.next('pong', (f) => f.event === 'pusher:pong');
    expect(other.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('terminate_connections leaves pusher-js disconnected rather than reconnecting', async () => {
    const relay = await startTestRelay();
    const client = pusherClient(relay, { signInAs: 'cook-9' });
    await connected(client);
    await signedIn(client);
    const disconnected = waitFor('pusher-js disconnected', (resolve) => {
      client.connection.bind('state_change', ({ current }: { current: string }) => {
        if (current === 'disconnected') resolve(current);
      });
    });
    await serverSdk(relay).terminateUserConnections('cook-9');
    expect(await disconnected).toBe('disconnected');
  });
});
