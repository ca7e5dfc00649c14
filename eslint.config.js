// Lint is where the layering rules of docs/ARCHITECTURE.md are enforced: each layer may import
// only what sits below it, so the agent stays testable under plain Node and the renderer in a browser.
import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import tseslint from 'typescript-eslint';
import layering from './scripts/eslint/code-layering.js';
import { LAYERS } from './scripts/eslint/layers.js';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'net', 'http', 'https', 'crypto', 'os', 'child_process', 'events', 'stream'];

// Hosts reach the agent through its public entry only (VS Code forbids deep imports the same way),
// so the agent's inner layout can change without touching main/ or cli/.
const AGENT_ENTRY_ONLY = {
  group: ['**/agent/**', '!**/agent/index.js'],
  message: 'main/ and cli/ import the agent through agent/index.ts only.',
};

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

// Every language in memory (common/i18n/resources.ts): for Node (tickets, the agent's first-screen
// render) and tests. A page that imported it would download every language at start.
const ALL_LANGUAGES = {
  group: ['**/common/i18n/resources.js'],
  message: 'The board and the diner load translation files lazily (renderer/i18n/load-locale.ts, diner/language.ts): never all of them at start.',
};

/**
 * Words staff and diners read come from the translation files (common/locales/, docs/i18n.md),
 * never from a component: text in JSX, and the attributes and props that are read — title,
 * aria-label, alt, placeholder, and the label/hint/message props of our own components. Text with
 * no letter in it (✕, —, #, 1–5) is not a word.
 */
export const NO_HARD_CODED_WORDS = {
  plugins: { i18next },
  rules: {
    'i18next/no-literal-string': [
      'error',
      {
        mode: 'jsx-only',
        'should-validate-template': true,
        'jsx-attributes': {
          include: ['^(title|aria-label|alt|placeholder|label|hint|message|warning|confirmLabel|stateLabel)$'],
          exclude: ['.*'],
        },
        words: { exclude: [/^[^\p{L}]*$/u] },
        message: 'words on screen come from the translation files (docs/i18n.md)',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Typed rules, for the TypeScript files tsconfig.json covers (the *.js configs and scripts are
    // outside it, so they get only the untyped rules above). A promise nobody awaits or catches
    // turned a failure into an unhandled rejection, or into nothing at all (issue 14).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function handed to a callback that ignores its promise (an http handler, say)
      // loses its rejection the same way.
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Plain Node scripts (CI helpers) and config files.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The installed `ticketrail` command: plain ESM that Node runs as is (tsc does not see it). A
    // static import of the project's TypeScript would load before tsx is registered, and fail.
    files: ['bin/**/*.js'],
    rules: restrict([
      { group: ['../*', './*'], message: 'bin/ registers tsx first, then imports cli/ticketrail.ts with a dynamic import().' },
    ]),
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/common-node/**'], message: 'common/ imports only common/.' },
      { group: [...NODE_BUILTINS, 'electron'], message: 'common/ is pure TypeScript: no Node, no DOM, no electron.' },
    ]),
  },
  {
    // Node code the agent and the backend share (private files): the contract and itself, nothing
    // of either program, never electron. Pages, the preload and common/ never import it.
    files: ['common-node/**/*.ts'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/diner/**', '**/cli/**'], message: 'common-node/ imports common/ and itself only: the agent and the backend both use it.' },
      { group: ['electron'], message: 'common-node/ never imports electron.' },
    ]),
  },
  {
    files: ['backend/**/*.ts'],
    rules: restrict([
      { group: ['**/agent/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'backend/ imports common/ and its own code only.' },
      { group: ['electron'], message: 'backend/ never imports electron.' },
    ]),
  },
  {
    files: ['agent/**/*.ts'],
    rules: restrict([
      { group: ['**/backend/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'agent/ imports common/ and its own code only.' },
      { group: ['electron', 'electron-store'], message: 'agent/ never imports electron; main/ passes electron ports in.' },
    ]),
  },
  {
    // Layers below the top-level folders (scripts/eslint/layers.js): the core of the agent imports
    // no source of work, one connector never imports another, the relay nothing else of the backend.
    // Tests cross layers on purpose and are outside them.
    files: ['agent/**/*.ts', 'backend/relay/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    plugins: { layering },
    rules: { 'layering/code-layering': ['error', { layers: LAYERS }] },
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict([
      { group: ['**/backend/**', '**/renderer/**', '**/preload/**'], message: 'main/ calls the agent; it does not reach into other layers.' },
      AGENT_ENTRY_ONLY,
    ]),
  },
  {
    files: ['cli/**/*.ts'],
    rules: restrict([AGENT_ENTRY_ONLY]),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/renderer/**', '**/common-node/**', ...NODE_BUILTINS], message: 'preload/ only bridges IPC.' },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/first-screen/**', 'renderer/testing/**', 'renderer/dev/**', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/preload/**', '**/common-node/**', ...NODE_BUILTINS, 'electron'], message: 'renderer/ imports common/ and its own code; never Node or ipcRenderer.' },
      ALL_LANGUAGES,
    ]),
  },
  {
    // The agent's first-screen render holds every language; tests and dev tools run in Node.
    files: ['renderer/first-screen/**', 'renderer/testing/**', 'renderer/dev/**', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/preload/**', '**/common-node/**', ...NODE_BUILTINS, 'electron'], message: 'renderer/ imports common/ and its own code; never Node or ipcRenderer.' },
    ]),
  },
  {
    files: ['renderer/**/*.tsx', 'diner/**/*.tsx'],
    ignores: ['**/*.test.tsx', 'renderer/testing/**', 'renderer/dev/**'],
    ...NO_HARD_CODED_WORDS,
  },
  {
    // The diner's page (issue 12) is served to the public: nothing of the staff's code in its bundle.
    files: ['diner/**/*.ts', 'diner/**/*.tsx'],
    rules: restrict([
      { group: ['**/backend/**', '**/agent/**', '**/main/**', '**/preload/**', '**/renderer/**', '**/common-node/**', ...NODE_BUILTINS, 'electron'], message: 'diner/ imports common/ and its own code only: no staff code in the diner\'s bundle.' },
      ALL_LANGUAGES,
    ]),
  },
);
