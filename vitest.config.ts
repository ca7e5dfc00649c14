import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

/**
 * Backend test files that look at SQLite itself (its files, its triggers, its legacy settings
 * table): the `postgres` project leaves them out; everything else in backend/test runs on both.
 */
const SQLITE_ONLY = [
  'backend/test/bad-input.test.ts',
  'backend/test/file-modes.test.ts',
  'backend/test/fuzz.test.ts',
  'backend/test/instance-secrets.test.ts',
  'backend/test/token-bootstrap.test.ts',
];

const EXCLUDE = ['node_modules/**', 'dist/**', 'out/**'];

export default defineConfig({
  resolve: {
    // Electron's binary is not installable everywhere; main/ and preload/ are tested against a mock.
    alias: { electron: fileURLToPath(new URL('./test/electron-mock.ts', import.meta.url)) },
  },
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          // *.pg.test.ts need PostgreSQL (several backend processes on one database).
          exclude: [...EXCLUDE, '**/*.pg.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The backend suite again, on a real PostgreSQL server the run starts itself.
          name: 'postgres',
          include: ['backend/test/**/*.test.ts', '**/*.pg.test.ts'],
          exclude: [...EXCLUDE, ...SQLITE_ONLY],
          globalSetup: ['test/postgres/global-setup.ts'],
        },
      },
    ],
  },
});
