import { describeError } from '../describe-error.js';
import { PrinterSession, type OpenResult } from './printer-session.js';

/**
 * `serial://PATH?baud=N` through `serialport` (prebuilt bindings in its npm package). A serial port
 * is a duplex stream like a socket: the job goes out on TX, `GS r 1` and `DLE EOT` answers come back
 * on RX — when the cable has the receive wire, which `?status=none` says it has not. 8 data bits,
 * no parity, 1 stop bit (8N1), no flow control in software: the printers' factory setting.
 *
 * The module is loaded on first use, so a PC without the binary (an unusual platform) loses serial
 * printers only, with a clear error, and the rest of the agent runs.
 */
export async function openSerial(path: string, baudRate: number, timeoutMs: number, readsAnswers = true): Promise<OpenResult> {
  let SerialPort: typeof import('serialport').SerialPort;
  try {
    ({ SerialPort } = await import('serialport'));
  } catch (error) {
    return { ok: false, error: 'refused', detail: `serial ports are not available on this PC (${(error as Error).message})` };
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await openOnce(SerialPort, path, baudRate, Math.max(1, deadline - Date.now()), readsAnswers);
    // The port is locked while the previous session's close (a status check just before) finishes.
    if (result.ok || !PORT_LOCKED.test(result.detail) || Date.now() + LOCK_RETRY_MS >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

const PORT_LOCKED = /cannot lock port/iu;
const LOCK_RETRY_MS = 50;

function openOnce(SerialPort: typeof import('serialport').SerialPort, path: string, baudRate: number, timeoutMs: number, readsAnswers: boolean): Promise<OpenResult> {
  return new Promise((resolve) => {
    let settled = false;
    const port = new SerialPort({ path, baudRate, autoOpen: false, dataBits: 8, parity: 'none', stopBits: 1 });
    const timer = setTimeout(() => {
      settled = true;
      port.destroy();
      resolve({ ok: false, error: 'timeout', detail: `serial port ${path} did not open within ${timeoutMs} ms` });
    }, timeoutMs);
    port.open((error) => {
      if (settled) return;
      clearTimeout(timer);
      if (error) {
        port.destroy();
        resolve({ ok: false, error: 'refused', detail: `serial port ${path}: ${error.message}` });
        return;
      }
      resolve({ ok: true, session: new PrinterSession(port, readsAnswers, () => port.close(() => undefined)) });
    });
  });
}

/** The PC's serial ports, for Settings (names like COM3 or /dev/ttyUSB0). */
export async function listSerialPorts(): Promise<{ ports: { path: string; manufacturer?: string }[]; error?: string }> {
  try {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    return { ports: ports.map((port) => ({ path: port.path, ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}) })) };
  } catch (error) {
    return { ports: [], error: describeError(error) };
  }
}
