/**
 * How often to pull from TableTrack. Without Pusher the pull is the only way jobs arrive: every 5 s,
 * or what the server asks for in `X-Print-Poll-Ms`, kept within 1–60 s (a broken or hostile value
 * must neither hammer the server nor leave the kitchen waiting minutes). While Pusher is live the
 * pull is a safety net for missed doorbells (TableTrack never replays), every 30 s.
 */
export const TABLETRACK_POLL = {
  withoutRealtimeMs: 5_000,
  whileLiveMs: 30_000,
  minMs: 1_000,
  maxMs: 60_000,
} as const;

/** The server's hint in ms, or undefined when absent or not a plain number. */
export function readPollHint(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined) return undefined;
  const trimmed = header.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return undefined;
  return Math.min(TABLETRACK_POLL.maxMs, Math.max(TABLETRACK_POLL.minMs, Number(trimmed)));
}

/** The delay until the next pull. */
export function nextPollDelayMs(options: { live: boolean; hintMs?: number | undefined }): number {
  if (options.live) return TABLETRACK_POLL.whileLiveMs;
  return options.hintMs ?? TABLETRACK_POLL.withoutRealtimeMs;
}
