// The layers below the top-level folders, as data for scripts/eslint/code-layering.js (the
// top-level rules are no-restricted-imports blocks in eslint.config.js). Each layer: the files it
// holds (`from`), what they must not import (`deny`) and the exceptions (`allow`); `:name` stands
// for one folder name, the same in `from` and `allow`. Tests are outside every layer.

/** The sources of work: a folder per connector, and ingest beside them (DESIGN.md §5). */
const SOURCES = ['agent/connectors/**', 'agent/ingest/**'];
/** What every source may use of agent/connectors/ itself: the seam, not the registry. */
const SEAM = ['agent/connectors/source-module.ts', 'agent/connectors/types.ts'];

export const LAYERS = [
  {
    // The core never asks which source it serves: the composition root hands it what the registry declares.
    from: 'agent/{pipeline,cache,outbox,board,settings,local-api,cards,printing,util}/**',
    deny: SOURCES,
    message: 'core folders import no source of work (connectors, ingest): the composition root hands them what the registry declares',
  },
  {
    // The agent's root files (composition root, kitchen service, command line) reach sources through the registry only.
    from: 'agent/*.ts',
    deny: SOURCES,
    allow: ['agent/connectors/registry.ts', ...SEAM],
    message: 'the agent reaches sources of work through agent/connectors/registry.ts only',
  },
  {
    // One connector never imports another, nor the registry that lists them all.
    from: 'agent/connectors/:name/**',
    deny: SOURCES,
    allow: ['agent/connectors/:name/**', ...SEAM],
    message: 'a connector imports no other source of work (agent/connectors/:name/ is one)',
  },
  {
    from: 'agent/ingest/**',
    deny: SOURCES,
    allow: ['agent/ingest/**', ...SEAM],
    message: 'ingest is a source of work: it imports no connector',
  },
  {
    // The embedded Pusher-protocol server stands alone (`npm run relay`): nothing else of the backend.
    from: 'backend/relay/**',
    deny: ['backend/**'],
    allow: ['backend/relay/**'],
    message: 'backend/relay/ imports nothing else of backend/: it runs on its own',
  },
];
