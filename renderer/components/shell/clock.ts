const pad = (value: number) => String(value).padStart(2, '0');

/**
 * hh:mm:ss in the kitchen's local time (24 h), as the banner and print log show times. Built by
 * hand: the first toLocaleTimeString() / Intl.DateTimeFormat of a page loads locale data, which
 * costs tens of milliseconds on the board's first render; the text is the same as en-GB's.
 */
export function formatClock(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
