/** History's date input works in the board's local days: `YYYY-MM-DD` in, its two instants out. */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of `date`, as a date input writes it. */
export function localDayValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local day's start and the next day's start as ISO instants (a DST day is 23 or 25 hours); undefined for a bad value. */
export function localDayRange(value: string): { from: string; to: string } | undefined {
  const match = DAY_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, day);
  const end = new Date(year, month, day + 1);
  if (Number.isNaN(start.getTime())) return undefined;
  return { from: start.toISOString(), to: end.toISOString() };
}
