import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'ticketrail-renderer-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the board bundle', () => {
  // Built from inside vitest on purpose: NODE_ENV is "test" here, as it is when the e2e tests or a
  // shell with NODE_ENV set rebuild the stale bundle that `npm start` then serves.
  it('carries React’s production build even when NODE_ENV says otherwise', async () => {
    expect(process.env.NODE_ENV).not.toBe('production');
    const { build } = await import('vite');
    await build({ configFile: resolve(import.meta.dirname, '../renderer/vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const assets = join(outDir, 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const code = scripts.map((name) => readFileSync(join(assets, name), 'utf8')).join('\n');
    // A development-only React warning: present in react-dom's development build, absent in production.
    expect(code.includes('Each child in a list should have a unique'), 'the bundle holds react-dom’s development build').toBe(false);
    // JSX compiled for development calls jsxDEV(), which React's production runtime lacks: a blank board.
    expect(/\bjsxDEV\)?\(/.test(code), 'the bundle calls jsxDEV()').toBe(false);
  });
});
