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

/**
 * How long a test waits for a process it spawned (tsx compiling the agent or the backend) to say it
 * is listening. Starting is the slowest step on a loaded machine (seen > 20 s beside a benchmark),
 * so it gets its own budget, and what the test then waits for starts counting only once the
 * process is up.
 */
export const PROCESS_START_BUDGET_MS = 90_000;

/** The timeout of a test that starts processes of its own: room for two starts and its waits. */
export const PROCESS_TEST_TIMEOUT_MS = 2 * PROCESS_START_BUDGET_MS + 4 * WAIT_BUDGET_MS;
