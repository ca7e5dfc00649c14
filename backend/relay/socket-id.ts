/** Socket ids look like Pusher's ("123.456", matching ^\d+\.\d+$) and are unique per relay. */
import { randomInt } from 'node:crypto';

/** Both halves stay within 9 digits: short, and far from Number.MAX_SAFE_INTEGER. */
const SOCKET_ID_PART_BOUND = 1_000_000_000;

export function createSocketId(isTaken: (socketId: string) => boolean): string {
  for (;;) {
    const socketId = `${randomInt(SOCKET_ID_PART_BOUND)}.${randomInt(SOCKET_ID_PART_BOUND)}`;
    if (!isTaken(socketId)) return socketId;
  }
}
