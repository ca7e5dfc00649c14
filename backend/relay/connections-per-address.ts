/**
 * Open sockets per remote address, against one client holding the relay's sockets and memory. The
 * address is the TCP peer's as the socket reports it: forwarded-for headers are not trusted, so
 * behind a proxy every client counts as the proxy.
 */
export class ConnectionsPerAddress {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a place for one more socket from `address`; false when it has none left. */
  tryAdd(address: string): boolean {
    const count = this.counts.get(address) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(address, count + 1);
    return true;
  }

  /** Gives back the place of a socket that has closed. */
  remove(address: string): void {
    const count = this.counts.get(address) ?? 0;
    if (count <= 1) this.counts.delete(address);
    else this.counts.set(address, count - 1);
  }
}
