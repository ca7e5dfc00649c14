import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { expandRange, findPrinters, localSubnets, scanTargets } from './discovery.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';

/** Discovery scans loopback only: virtual printers on 127.0.0.2 and 127.0.0.3, a non-printer on 127.0.0.4. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function printerOn(host: string, port: number, maker: string, model: string): Promise<VirtualPrinter> {
  const printer = await startVirtualPrinter({ host, port, name: model, identity: { maker, model, modelId: 0x20, typeId: 0x02, romVersion: 0x11 } });
  cleanups.push(() => printer.close());
  return printer;
}

describe('Find printers', () => {
  it('finds the two virtual printers on loopback, with maker and model, and nothing else', async () => {
    const first = await printerOn('127.0.0.2', 0, 'EPSON', 'TM-T20III');
    await printerOn('127.0.0.3', first.port, 'STAR', 'TSP143IV');
    // Something else listening on the same port answers no status: not a printer.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    silent.listen(first.port, '127.0.0.4');
    await once(silent, 'listening');
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    const found = await findPrinters(scanTargets(['127.0.0.2-127.0.0.9']), { port: first.port, connectTimeoutMs: 1_000, answerTimeoutMs: 1_000 });
    expect(found).toEqual([
      { host: '127.0.0.2', port: first.port, interface: `tcp://127.0.0.2:${first.port}`, status: 'ready', maker: 'EPSON', model: 'TM-T20III', ids: { modelId: 0x20, typeId: 0x02, romVersion: 0x11 } },
      { host: '127.0.0.3', port: first.port, interface: `tcp://127.0.0.3:${first.port}`, status: 'ready', maker: 'STAR', model: 'TSP143IV', ids: { modelId: 0x20, typeId: 0x02, romVersion: 0x11 } },
    ]);
  });

  it('bounds concurrency: a scan of 8 addresses with 2 at a time still finds them', async () => {
    const first = await printerOn('127.0.0.5', 0, 'EPSON', 'TM-m30');
    expect((await findPrinters(expandRange('127.0.0.2-9'), { port: first.port, concurrency: 2 })).map((p) => p.host)).toEqual(['127.0.0.5']);
  });

  it('expands ranges and refuses what it will not scan', () => {
    expect(expandRange('192.168.1.0/24')).toHaveLength(254);
    expect(expandRange('192.168.1.0/24')[0]).toBe('192.168.1.1');
    expect(expandRange('10.0.0.10-10.0.0.12')).toEqual(['10.0.0.10', '10.0.0.11', '10.0.0.12']);
    expect(expandRange('10.0.0.10-12')).toEqual(['10.0.0.10', '10.0.0.11', '10.0.0.12']);
    expect(expandRange('10.0.0.7')).toEqual(['10.0.0.7']);
    for (const bad of ['10.0.0.0/16', '10.0.0.300', 'printer', '10.0.0.9-10.0.0.1', '10.0.0.0-10.0.8.0']) {
      expect(() => expandRange(bad), bad).toThrow(expect.objectContaining({ code: PRINTING_ERRORS.SCAN_RANGE_INVALID }));
    }
    expect(() => scanTargets(['10.0.0.0/22', '10.0.4.0/24'])).toThrow(expect.objectContaining({ code: PRINTING_ERRORS.SCAN_RANGE_INVALID }));
  });

  it('takes the PC own subnets as /24s, leaving out loopback and link-local', () => {
    const nic = (address: string, internal = false) => ({ address, family: 'IPv4' as const, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` });
    expect(localSubnets({ lo: [nic('127.0.0.1', true)], eth0: [nic('192.168.1.23')], wlan0: [nic('169.254.3.4'), nic('10.1.2.3')] })).toEqual(['192.168.1.0/24', '10.1.2.0/24']);
  });
});
