/**
 * The project's own lint configuration (eslint.config.js, as `npm run lint` runs it) refuses an
 * import across a layer, shown on files where it matters: the relay reaching into the rest of the
 * backend, and the Node-side shared layer (common-node/) used by the agent and the backend but
 * never by a page, the preload or the contract. The layering rule itself is tested in
 * code-layering.test.ts; this shows the configuration switches it and the folder rules on.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The typed rules are switched off here: they need the file on disk in tsconfig's program (and
// 30 s to build it), and they are not what this test is about.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** The rules that refused `source` as if it were the file at `filePath`, with their lines. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => `${message.line}:${message.ruleId ?? message.message}`);
}

describe('the layers of eslint.config.js', () => {
  it('refuse a relay file importing the backend database, and let it import itself and common/', async () => {
    const source = [
      "import { ERRORS } from '../../common/errors.js';",
      "import { CLOSE_CODES } from './errors.js';",
      "import { openDatabase } from '../db/database.js';",
      'export const all = [ERRORS, CLOSE_CODES, openDatabase];',
    ].join('\n');
    expect(await refusals('backend/relay/relay-example.ts', source)).toEqual(['3:layering/code-layering']);
  });

  const PRIVATE_FILES = "import { preparePrivateSqliteFile } from '../common-node/private-files.js';\nexport const f = preparePrivateSqliteFile;";

  it('let the agent and the backend import common-node/', async () => {
    expect(await refusals('agent/example.ts', PRIVATE_FILES)).toEqual([]);
    expect(await refusals('backend/example.ts', PRIVATE_FILES)).toEqual([]);
  });

  it('refuse common-node/ to the contract, the pages and the preload', async () => {
    for (const file of ['common/example.ts', 'renderer/example.ts', 'diner/example.ts', 'preload/example.ts']) {
      expect({ file, refused: await refusals(file, PRIVATE_FILES) }).toEqual({ file, refused: ['1:no-restricted-imports'] });
    }
  });

  it('refuse common-node/ importing either program', async () => {
    const source = "import { CacheDb } from '../agent/cache/cache-db.js';\nimport { ERRORS } from '../common/errors.js';\nexport const all = [CacheDb, ERRORS];";
    expect(await refusals('common-node/example.ts', source)).toEqual(['1:no-restricted-imports']);
  });
});
