import { EventEmitter } from 'node:events';
import PusherServer from 'pusher';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_BAD_CONFIG, runRelayCli, type RelayCliIo } from '../cli.js';
import { readRelayCliConfig } from '../cli-config.js';
import type { RunningRelay } from '../index.js';
import { type RawClient, serverSdk, waitFor, relayTestKit } from './helpers.js';

const { resources, openRaw } = relayTestKit();

interface FakeIo extends RelayCliIo {
  stdout: string[];
  stderr: string[];
  exitCode: number | undefined;
  signalEmitter: EventEmitter;
  listening: Promise<RunningRelay>;
}

const CLI_APP = { id: 'cli-app', key: 'cli-key', secret: 'cli-secret-0123456789' };

async function privateSubscriber(relay: RunningRelay, channel: string): Promise<RawClient> {
  const raw = await openRaw(relay, CLI_APP.key);
  const socketId = await raw.socketId();
  raw.send({ event: 'pusher:subscribe', data: { channel, ...serverSdk(relay, CLI_APP).authorizeChannel(socketId, channel) } });
  await raw.next(`subscribed ${channel}`, (f) => f.event === 'pusher_internal:subscription_succeeded');
  return raw;
}

function fakeIo(env: NodeJS.ProcessEnv): FakeIo {
  const signalEmitter = new EventEmitter();
  let announce: (relay: RunningRelay) => void = () => {};
  const io: FakeIo = {
    env,
    stdout: [],
    stderr: [],
    exitCode: undefined,
    signalEmitter,
    listening: new Promise((resolve) => {
      announce = resolve;
    }),
    out: (line) => io.stdout.push(line),
    err: (line) => io.stderr.push(line),
    signals: signalEmitter as unknown as RelayCliIo['signals'],
    setExitCode: (code) => {
      io.exitCode = code;
    },
    onListening: (relay) => announce(relay),
  };
  return io;
}

describe('relay CLI', () => {
  it.each([
    [{ RELAY_PORT: 'abc' }, /RELAY_PORT must be a whole number/],
    [{ RELAY_PORT: '70000' }, /RELAY_PORT must be between 0 and 65535/],
    [{ RELAY_APP_ID: 'has spaces' }, /RELAY_APP_ID must be/],
    [{ RELAY_APP_KEY: 'slash/key' }, /RELAY_APP_KEY must be/],
    [{ RELAY_APP_SECRET: 'short' }, /RELAY_APP_SECRET must be at least 16 characters/],
    [{ RELAY_CLIENT_EVENTS: 'yes' }, /RELAY_CLIENT_EVENTS must be true or false/],
    [{ RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: '0' }, /RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION must be a whole number of at least 1/],
    [{ RELAY_MAX_CONNECTIONS_PER_IP: '-5' }, /RELAY_MAX_CONNECTIONS_PER_IP must be a whole number of at least 1/],
    [{ RELAY_MAX_CONNECTIONS_PER_IP: '1e3' }, /RELAY_MAX_CONNECTIONS_PER_IP must be a whole number of at least 1/],
  ])('exits with code 2 and a clear message for %j', async (env, message) => {
    const io = fakeIo(env);
    await runRelayCli([], io);
    expect(io.exitCode).toBe(EXIT_CODE_BAD_CONFIG);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('applies the documented defaults and generates a secret', () => {
    const result = readRelayCliConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        appId: 'ticketrail',
        appKey: 'ticketrail-key',
        port: 6001,
        secretGenerated: true,
        clientEvents: false,
        maxSubscriptionsPerConnection: 100,
        maxConnectionsPerIp: 200,
      },
    });
    expect(result.ok && result.config.secret).toMatch(/^[0-9a-f]{40}$/);
  });

  it('starts, prints the URL, the generated secret and client snippets, serves, and stops on SIGTERM', async () => {
    const io = fakeIo({ RELAY_PORT: '0', RELAY_APP_ID: 'cli-app', RELAY_APP_KEY: 'cli-key' });
    const run = runRelayCli([], io);
    const relay = await waitFor<RunningRelay>('CLI listening', (resolve) => void io.listening.then(resolve));
    resources.add(relay, (r) => r.close());
    const output = io.stdout.join('\n');
    expect(output).toContain(`relay listening on ${relay.url}`);
    const secret = /generated secret[^:]*: ([0-9a-f]{40})/.exec(output)?.[1];
    expect(secret).toBeDefined();
    expect(output).toContain(`wsPort: ${relay.port}`);

    // The printed secret is the one the relay verifies signatures with.
    const sdk = new PusherServer({ appId: 'cli-app', key: 'cli-key', secret: secret ?? '', host: relay.host, port: String(relay.port), useTLS: false });
    expect((await sdk.trigger('orders', 'ping', {})).status).toBe(200);

    const raw = await openRaw(relay, 'cli-key');
    await raw.socketId();
    io.signalEmitter.emit('SIGTERM');
    await waitFor('CLI finished', (resolve) => void run.then(resolve));
    expect((await raw.closed).code).toBe(4200);
    expect(io.exitCode).toBeUndefined();
    expect(io.signalEmitter.listenerCount('SIGINT')).toBe(0);
  });

  it.each([
    [{}, 'pusher:error'],
    [{ RELAY_CLIENT_EVENTS: 'false' }, 'pusher:error'],
    [{ RELAY_CLIENT_EVENTS: 'true' }, 'delivered'],
  ] as const)('with %j a client event is %s', async (env, outcome) => {
    const io = fakeIo({ RELAY_PORT: '0', RELAY_APP_SECRET: CLI_APP.secret, RELAY_APP_ID: CLI_APP.id, RELAY_APP_KEY: CLI_APP.key, ...env });
    const run = runRelayCli([], io);
    const relay = await waitFor<RunningRelay>('CLI listening', (resolve) => void io.listening.then(resolve));
    resources.add(relay, (r) => r.close());
    const sender = await privateSubscriber(relay, 'private-pass');
    const receiver = await privateSubscriber(relay, 'private-pass');

    sender.send({ event: 'client-ready', channel: 'private-pass', data: { ticket: 1 } });
    if (outcome === 'delivered') {
      await receiver.next('client event', (f) => f.event === 'client-ready');
    } else {
      const error = await sender.next('pusher:error', (f) => f.event === 'pusher:error');
      expect(JSON.parse(String(error.data))).toMatchObject({ code: 4301 });
      // Frames arrive in order: once the barrier is in, a relayed client event would be too.
      await serverSdk(relay, CLI_APP).trigger('private-pass', 'barrier', {});
      await receiver.next('barrier', (f) => f.event === 'barrier');
      expect(receiver.count((f) => f.event === 'client-ready')).toBe(0);
    }
    io.signalEmitter.emit('SIGTERM');
    await waitFor('CLI finished', (resolve) => void run.then(resolve));
  });

  it('applies RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION and RELAY_MAX_CONNECTIONS_PER_IP to the relay it runs', async () => {
    const io = fakeIo({
      RELAY_PORT: '0',
      RELAY_APP_KEY: CLI_APP.key,
      RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1',
      RELAY_MAX_CONNECTIONS_PER_IP: '1',
    });
    const run = runRelayCli([], io);
    const relay = await waitFor<RunningRelay>('CLI listening', (resolve) => void io.listening.then(resolve));
    resources.add(relay, (r) => r.close());
    expect(io.stdout.join('\n')).toContain('caps: 1 subscriptions per connection, 1 connections per address');

    const raw = await openRaw(relay, CLI_APP.key);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    raw.send({ event: 'pusher:subscribe', data: { channel: 'print-jobs' } });
    const refusal = await raw.next('second subscription refused', (f) => f.event === 'pusher:subscription_error');
    expect(refusal.channel).toBe('print-jobs');
    const second = await openRaw(relay, CLI_APP.key);
    expect((await waitFor<{ code: number }>('second socket closed', (resolve) => void second.closed.then(resolve))).code).toBe(4100);

    io.signalEmitter.emit('SIGTERM');
    await waitFor('CLI finished', (resolve) => void run.then(resolve));
  });

  it('prints usage for --help without starting', async () => {
    const io = fakeIo({});
    await runRelayCli(['--help'], io);
    const usage = io.stdout.join('\n');
    for (const variable of ['RELAY_APP_SECRET', 'RELAY_CLIENT_EVENTS', 'RELAY_MAX_SUBSCRIPTIONS_PER_CONNECTION', 'RELAY_MAX_CONNECTIONS_PER_IP']) {
      expect(usage).toContain(variable);
    }
  });
});
