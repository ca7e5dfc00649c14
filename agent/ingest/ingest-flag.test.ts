import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_USAGE, runAgentCli, settingsFromFlags } from '../cli.js';
import { ingestFromFlag } from './ingest-flag.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('--ingest', () => {
  it('reads tcp://HOST:PORT=STATION as an ingest printer named after its address', () => {
    expect(ingestFromFlag('tcp://127.0.0.1:9101=kitchen')).toEqual({ name: 'tcp://127.0.0.1:9101', listen: 'tcp://127.0.0.1:9101', station: 'kitchen', allowLan: false });
  });

  it('reads >PRINTER as the configured printer to forward to, spaces and all', () => {
    expect(ingestFromFlag('tcp://127.0.0.1:9102=bar>cli-printer')).toMatchObject({ station: 'bar', forwardTo: 'cli-printer' });
    expect(ingestFromFlag('tcp://127.0.0.1:9102=bar>Printer tcp://127.0.0.1:9100')).toMatchObject({ forwardTo: 'Printer tcp://127.0.0.1:9100' });
  });

  it('refuses a LAN address unless --ingest-allow-lan, a missing station, a bad address and an empty printer name', () => {
    expect(() => ingestFromFlag('tcp://0.0.0.0:9101=kitchen')).toThrow(/opens port 9101 to the network.*--ingest-allow-lan/);
    expect(ingestFromFlag('tcp://0.0.0.0:9101=kitchen', true)).toMatchObject({ listen: 'tcp://0.0.0.0:9101', allowLan: true });
    expect(() => ingestFromFlag('tcp://127.0.0.1:9101')).toThrow(/expected tcp:\/\/HOST:PORT=STATION/);
    expect(() => ingestFromFlag('tcp://127.0.0.1:9101=')).toThrow(/station/);
    expect(() => ingestFromFlag('127.0.0.1:9101=kitchen')).toThrow(/is not tcp:\/\/host:port/);
    expect(() => ingestFromFlag('tcp://127.0.0.1:9101=bar>')).toThrow(/name the printer after ">"/);
  });

  it('is repeatable and a run-only override beside --printer', () => {
    const overrides = settingsFromFlags({
      printer: 'tcp://127.0.0.1:9100',
      stations: 'kitchen,bar',
      ingest: ['tcp://127.0.0.1:9101=kitchen', 'tcp://127.0.0.1:9102=bar>cli-printer'],
    });
    expect(overrides.printers?.map((printer) => printer.id)).toEqual(['cli-printer']);
    expect(overrides.ingest?.map((entry) => [entry.listen, entry.station, entry.forwardTo])).toEqual([
      ['tcp://127.0.0.1:9101', 'kitchen', undefined],
      ['tcp://127.0.0.1:9102', 'bar', 'cli-printer'],
    ]);
    expect(settingsFromFlags({ ingest: ['tcp://0.0.0.0:9101=kitchen'], 'ingest-allow-lan': true }).ingest?.[0]?.allowLan).toBe(true);
  });

  it('is a usage error on the command line, before anything starts', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runAgentCli(['--ingest', 'tcp://0.0.0.0:9101=kitchen']);
    expect(process.exitCode).toBe(EXIT_USAGE);
    expect(String(printed.mock.calls[0]?.[0])).toMatch(/--ingest tcp:\/\/0.0.0.0:9101=kitchen: .*--ingest-allow-lan/);
  });
});
