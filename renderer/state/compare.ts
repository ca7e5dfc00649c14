/**
 * Text comparisons for the rail's sorts, without String#localeCompare: each call with options
 * builds an ICU collator, and the first one of a page loads locale data — ~40 ms of the board's
 * first render with 300 orders on this kind of PC. One collator, made the first time a tie needs
 * it, orders "A-9" before "A-10". Its locale is fixed: the agent sorts the same way when it renders
 * the first screen (its default locale may not be the browser's), so the page can adopt the markup.
 */
let numericCollator: Intl.Collator | undefined;

export function compareNumbered(a: string, b: string): number {
  if (a === b) return 0;
  numericCollator ??= new Intl.Collator('en', { numeric: true });
  return numericCollator.compare(a, b);
}

/** Code-point order: stable and cheap, for tie-breaks where a locale's order adds nothing. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
