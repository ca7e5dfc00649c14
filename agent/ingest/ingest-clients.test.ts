import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { bytes, GS, line } from './fixtures/fixture-bytes.js';
import { garbageBytes, HTTP_REQUEST } from './fixtures/garbage.js';
import { INGEST_ERRORS } from './ingest-errors.js';
import { IngestListener, startIngestListener } from './ingest-listener.js';
import { recordingLogger } from '../test-support/recording-logger.js';
import type { IngestJob } from './ingest-job.js';
import { ingestListenerKit, jobBytesOf, jobsArrived } from './ingest-test-support.js';
import { isLoopbackHost, parseListenAddress } from './listen-address.js';
import { parseTicket } from '../cards/ticket-parser.js';

const CUT = bytes(GS, 0x56, 0);

const { setup, client } = ingestListenerKit();

/** Prints what `p` holds to the listener: its one job, which must be the library's bytes up to its cut. */
async function printedJob(p: ThermalPrinter, listener: IngestListener, jobs: readonly IngestJob[]): Promise<IngestJob> {
  const expected = jobBytesOf(p);
  await p.execute();
  const [job] = await jobsArrived(listener, jobs, 1);
  expect(job!.bytes.equals(expected)).toBe(true);
  return job!;
}

describe('node-thermal-printer printing to an ingest printer over TCP', () => {
  it('EPSON: the job is the library\'s bytes up to its cut, and reads back as a card', async () => {
    const { listener, jobs } = await setup();
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${listener.port}`, characterSet: CharacterSet.PC858_EURO });
    p.alignCenter();
    p.setTextDoubleHeight();
    p.bold(true);
    p.println('Order #1042');
    p.bold(false);
    p.setTextNormal();
    p.alignLeft();
    p.println('Table 7');
    p.println('2 x Crème brûlée');
    p.println('1 Café 2,50 €');
    p.cut();
    const job = await printedJob(p, listener, jobs);
    expect(job).toMatchObject({ endedBy: 'cut', printerType: 'EPSON' });
    const card = parseTicket(job.bytes, { printerType: job.printerType });
    expect(card.ticketNumber).toBe('1042');
    expect(card.items).toEqual([{ qty: 2, name: 'Crème brûlée' }, { qty: 1, name: 'Café 2,50 €' }]);
    expect(card.blocks[0]).toEqual({ kind: 'text', text: 'Order #1042', align: 'center', bold: true, large: true });
    expect(card.raw).toBe(false);
    expect(jobs).toHaveLength(1);
  });

  it('EPSON: a GS r 1 after the job is answered (paper present) once the job is in', async () => {
    const { listener, jobs } = await setup();
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${listener.port}` });
    p.println('#5');
    p.println('1 Soup');
    p.cut();
    p.add(bytes(GS, 0x72, 1));
    const reply = (await p.execute({ waitForResponse: true })) as unknown as Buffer;
    expect([...reply]).toEqual([0x00]);
    expect(jobs).toHaveLength(1);
  });

  it('STAR: the job ends at the library\'s ESC d 2 cut on a listener set to Star', async () => {
    const { listener, jobs } = await setup({ printerType: 'STAR' });
    const p = new ThermalPrinter({ type: PrinterTypes.STAR, interface: `tcp://127.0.0.1:${listener.port}`, characterSet: CharacterSet.PC858_EURO });
    p.alignCenter();
    p.setTextQuadArea();
    p.println('BAR');
    p.setTextNormal();
    p.alignLeft();
    p.bold(true);
    p.println('Order 77');
    p.bold(false);
    p.println('3x Spritz');
    p.println('Total 21,00 €');
    p.cut();
    const job = await printedJob(p, listener, jobs);
    expect(job).toMatchObject({ endedBy: 'cut', printerType: 'STAR' });
    const card = parseTicket(job.bytes, { printerType: 'STAR' });
    expect(card).toMatchObject({ ticketNumber: '77', items: [{ qty: 3, name: 'Spritz' }], raw: false });
    expect(card.blocks[0]).toEqual({ kind: 'text', text: 'BAR', align: 'center', large: true });
    expect(card.blocks.at(-1)).toEqual({ kind: 'text', text: 'Total 21,00 €' });
  });
});

describe('garbage on the port', () => {
  it('never crashes the listener: odd bytes in odd chunks become raw cards, and the next POS is served', async () => {
    const { listener, jobs } = await setup();
    const failures: unknown[] = [];
    listener.on('job-failed', (f) => failures.push(f));
    for (let seed = 1; seed <= 8; seed++) {
      const c = await client(listener);
      const junk = garbageBytes(20_000, seed);
      for (let at = 0; at < junk.length; at += 1 + ((at * 7919) % 1500)) {
        await c.write(junk.subarray(at, at + 1 + ((at * 7919) % 1500)));
      }
      expect(await c.finish()).toBe('end');
    }
    expect(failures).toEqual([]);
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => parseTicket(job.bytes).raw)).toBe(true);
    const before = jobs.length;
    const pos = await client(listener);
    await pos.write(Buffer.concat([line('#1'), line('1 Soup'), CUT]));
    const after = await jobsArrived(listener, jobs, before + 1);
    expect(after.at(-1)!.bytes.equals(Buffer.concat([line('#1'), line('1 Soup'), CUT]))).toBe(true);
  });

  it('takes an HTTP request as a raw-looking job without items and closes cleanly', async () => {
    const { listener, jobs } = await setup();
    const c = await client(listener);
    await c.write(HTTP_REQUEST);
    expect(await c.finish()).toBe('end');
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job!.bytes.equals(HTTP_REQUEST)).toBe(true);
    expect(parseTicket(job!.bytes).items).toEqual([]);
  });
});

describe('listening', () => {
  const logger = recordingLogger();

  it('refuses a port already in use with PORT_IN_USE', async () => {
    const { listener } = await setup();
    await expect(startIngestListener({ name: 'b', station: 'bar', listen: `tcp://127.0.0.1:${listener.port}`, logger })).rejects.toMatchObject({
      code: INGEST_ERRORS.PORT_IN_USE,
    });
  });

  it('refuses a LAN address unless allowed, and a malformed address', () => {
    expect(() => new IngestListener({ name: 'a', station: 'k', listen: 'tcp://0.0.0.0:9101', logger })).toThrow(
      expect.objectContaining({ code: INGEST_ERRORS.LISTEN_LAN_NOT_ALLOWED }),
    );
    expect(() => new IngestListener({ name: 'a', station: 'k', listen: 'tcp://0.0.0.0:9101', allowLan: true, logger })).not.toThrow();
    for (const bad of ['127.0.0.1:9101', 'http://127.0.0.1:9101', 'tcp://127.0.0.1', 'tcp://127.0.0.1:70000', 'tcp://127.0.0.1:9101/x']) {
      expect(() => new IngestListener({ name: 'a', station: 'k', listen: bad, logger }), bad).toThrow(
        expect.objectContaining({ code: INGEST_ERRORS.LISTEN_ADDRESS_INVALID }),
      );
    }
  });

  it('reads IPv6 addresses in brackets and counts ::1 as loopback', () => {
    expect(parseListenAddress('tcp://[::1]:9101')).toEqual({ host: '::1', port: 9101 });
    expect(parseListenAddress('tcp://127.0.0.1:9101/')).toEqual({ host: '127.0.0.1', port: 9101 });
    expect(new IngestListener({ name: 'a', station: 'k', listen: 'tcp://[::1]:0', logger }).url).toBe('tcp://[::1]:0');
    expect(isLoopbackHost('127.0.0.2')).toBe(true);
    expect(isLoopbackHost('192.168.1.20')).toBe(false);
  });
});
