import { buildBoardIfStale, buildDinerIfStale } from '../cli/build-if-stale.js';

/**
 * Builds the board once, before any test file runs. Test files run in parallel workers, and two of
 * them rebuilding a stale bundle at the same moment (as on a fresh clone) both empty and write
 * dist/renderer, while a third may be serving it half-written.
 */
export default async function setup(): Promise<void> {
  await buildBoardIfStale();
  // The diner's page too (the backend serves it at /o/<token>; e2e/diner.e2e.test.ts opens it).
  await buildDinerIfStale();
}
