/**
 * How long a test waits for something to happen before it fails. A safety net for a machine that
 * shares its cores with other work (CI, a benchmark, other engineers), never a measurement: a test
 * passes as soon as what it waits for happens, and on a busy machine that may take several seconds.
 *
 * A test that must show something does NOT happen (no retry yet, no second print) never waits on
 * the wall clock for it: it holds the test clock (test/integration/manual-clock.ts) still or moves it
 * by hand. Speed is measured in benchmarks (`npm run bench`), never by a test's deadline.
 */
export const WAIT_BUDGET_MS = 20_000;
