import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { Duplex } from 'node:stream';

/**
 * A pseudo-terminal pair for serial tests: the kernel's pty, opened by a small Python program
 * (python3 is on every machine this project runs its tests on; Node cannot unlock a pty by
 * itself). `path` is the terminal end (/dev/pts/N) that the code under test opens as a serial
 * port; `far` is the other end as a duplex stream, for the virtual printer.
 */
const RELAY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)
sys.stdout.write(os.ttyname(slave) + "\\n")
sys.stdout.flush()
out = sys.stdout.fileno()
while True:
    ready, _, _ = select.select([master, 0], [], [])
    if master in ready:
        data = os.read(master, 65536)
        if not data:
            break
        os.write(out, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        os.write(master, data)
`;

export interface PtyPair {
  path: string;
  far: Duplex;
  close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  const child: ChildProcessWithoutNullStreams = spawn('python3', ['-u', '-c', RELAY], { stdio: ['pipe', 'pipe', 'pipe'] });
  const path = await new Promise<string>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\n');
      if (end < 0) return;
      child.stdout.off('data', onData);
      child.stdout.pause();
      const rest = Buffer.from(text.slice(end + 1), 'latin1');
      if (rest.length > 0) child.stdout.unshift(rest);
      resolve(text.slice(0, end));
    };
    child.stdout.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`pty relay exited (${code}): ${child.stderr.read()?.toString() ?? ''}`)));
  });
  const far = Duplex.from({ readable: child.stdout, writable: child.stdin });
  return {
    path,
    far,
    async close() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
