// Types for the tests that use the lint configuration (test/hard-coded-words.test.ts).
import type { Linter } from 'eslint';

export const NO_HARD_CODED_WORDS: Linter.Config;
declare const config: Linter.Config[];
export default config;
