/**
 * The layering rule itself (scripts/eslint/code-layering.js) with the project's own layers: a core
 * folder importing a source of work fails lint at any depth, so does one connector importing
 * another, and the relay importing the rest of the backend.
 */
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { codeLayering, globToRegExp } from './code-layering.js';
import { LAYERS } from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// TypeScript's parser, so `import type` and `export type … from` are checked like any import.
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string) => join(process.cwd(), file);
const options = [{ layers: LAYERS }];
const valid = (file: string, code: string) => ({ filename: at(file), code, options });
const invalid = (file: string, code: string) => ({ filename: at(file), code, options, errors: [{ messageId: 'forbidden' }] });

describe('globs of the layers', () => {
  it('match at every depth and capture a folder name', () => {
    expect(globToRegExp('agent/{pipeline,cache}/**').test('agent/cache/deep/er/x.ts')).toBe(true);
    expect(globToRegExp('agent/{pipeline,cache}/**').test('agent/cachet/x.ts')).toBe(false);
    expect(globToRegExp('agent/*.ts').test('agent/sub/x.ts')).toBe(false);
    expect(globToRegExp('agent/connectors/:name/**').exec('agent/connectors/pusher-app/a/b.ts')?.groups?.name).toBe('pusher-app');
  });
});

tester.run('code-layering', codeLayering, {
  valid: [
    valid('agent/pipeline/print-pipeline.ts', "import { x } from '../cache/cache-db.js';"),
    valid('agent/connectors/tabletrack/tabletrack-sync.ts', "import { x } from './tabletrack-client.js'; import { y } from '../../cards/ticket-parser.js'; import { z } from '../source-module.js';"),
    valid('agent/connectors/tabletrack/deep/inner.ts', "import { x } from '../tabletrack-client.js';"),
    valid('agent/create-agent.ts', "import { SOURCE_MODULES } from './connectors/registry.js';"),
    valid('agent/ingest/ingest-module.ts', "import type { SourceModule } from '../connectors/source-module.js';"),
    valid('backend/relay/http/http-api.ts', "import { x } from '../errors.js'; import { y } from '../../../common/errors.js';"),
    valid('backend/http/app.ts', "import { createRelay } from '../relay/index.js';"),
  ],
  invalid: [
    invalid('agent/pipeline/print-pipeline.ts', "import { x } from '../connectors/tabletrack/tabletrack-card.js';"),
    // At every depth, and whatever the form of the import.
    invalid('agent/outbox/deep/inner/row.ts', "import { x } from '../../../ingest/ingest-card-order.js';"),
    invalid('agent/board/board.ts', "export * from '../connectors/ticketrail/notices.js';"),
    invalid('agent/local-api/local-api-server.ts', "import type { TableTrackClient } from '../connectors/tabletrack/tabletrack-client.js';"),
    invalid('agent/settings/settings-service.ts', "const m = await import('../connectors/registry.js');"),
    invalid('agent/kitchen-service.ts', "import { x } from './connectors/ticketrail/backend-client.js';"),
    invalid('agent/cards/ticket-parser.ts', "import { x } from '../ingest/ingest-errors.js';"),
    // One connector never imports another, nor the registry that lists them.
    invalid('agent/connectors/tabletrack/tabletrack-card.ts', "import { x } from '../ticketrail/backend-client.js';"),
    invalid('agent/connectors/pusher-app/deep/x.ts', "import { x } from '../../tabletrack/tabletrack-events.js';"),
    invalid('agent/connectors/ticketrail/ticketrail-module.ts', "import { SOURCE_MODULES } from '../registry.js';"),
    invalid('agent/ingest/ingest-service.ts', "import { x } from '../connectors/tabletrack/tabletrack-card.js';"),
    invalid('backend/relay/http/http-api.ts', "import { x } from '../../http/errors.js';"),
    invalid('backend/relay/relay.ts', "import { openDatabase } from '../db/database.js';"),
    invalid('backend/relay/deep/inner.ts', "import type { Clock } from '../../time.js';"),
  ],
});
