import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_V8_FLAGS } from '../agent/index.js';
import { electronArguments } from './electron-launcher.js';

const scripts = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('processes that host the agent get its V8 flags on their command line', () => {
  it.each(['start', 'agent'])('npm run %s', (name) => {
    const words = (scripts[name] ?? '').split(/\s+/);
    for (const flag of AGENT_V8_FLAGS) expect(words.slice(0, words.indexOf('cli/ticketrail.ts'))).toContain(flag);
  });

  it('the Electron window started by npm start', () => {
    expect(electronArguments('/app/main.js')).toEqual([`--js-flags=${AGENT_V8_FLAGS.join(' ')}`, '/app/main.js']);
  });
});
