import { formatClock as formatTimeOfDay } from '../../../common/i18n/format.js';
import type { Language } from '../../../common/i18n/languages.js';

/**
 * hh:mm:ss in the kitchen's local time (24 h) and the board's language, as the banner and the
 * print log show times; `—` when there is none or it cannot be read.
 */
export function formatClock(language: Language, iso: string | undefined): string {
  return iso ? formatTimeOfDay(language, new Date(iso), { seconds: true }) : '—';
}
