/**
 * V8 flags for a process that hosts the agent, given on its command line (they configure the heap
 * when the process starts; set later they do nothing).
 *
 * A 1 MB semi-space keeps V8's young generation small: with the default (up to 16 MB per
 * semi-space) a busy agent's RSS climbed from ~92 MB idle to ~140 MB at 50 orders/s of garbage
 * that a scavenge would have freed; with it, ~82 MB idle and ~106 MB at peak, with the same
 * latencies (`npm run bench:agent`, side by side). Scavenges of a small young generation are
 * short, so nothing waits on them.
 */
export const AGENT_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
