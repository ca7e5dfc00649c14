import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Electron's binary is not installable everywhere; main/ and preload/ are tested against a mock.
    alias: { electron: fileURLToPath(new URL('./test/electron-mock.ts', import.meta.url)) },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', 'out/**'],
    // The board's bundle, once, before the workers start (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Generous: the suite must pass on two cores shared with other work (a benchmark, CI). What a
    // test waits for is bounded by test/wait-budget.ts; time it must control runs on the test clock.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests bind real sockets and SQLite files; two cores do better with few workers.
    maxWorkers: 2,
    pool: 'forks',
    // electron-store imports electron itself; inlining it lets the alias above reach that import.
    server: { deps: { inline: ['electron-store'] } },
  },
});
