import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file under `dirs` (0 when none exist). */
function newestMtime(dirs: readonly string[]): number {
  let newest = 0;
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dev') walk(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of dirs) walk(dir);
  return newest;
}

/** True when `output` is missing or older than any source file: `npm start` rebuilds only then. */
export function isStale(output: string, sources: readonly string[]): boolean {
  if (!existsSync(output)) return true;
  return newestMtime(sources) > statSync(output).mtimeMs;
}

/**
 * Builds with Vite's API when the output is stale; returns whether it built. `outDir` replaces the
 * config's own output folder (`output` should then lie in it).
 */
export async function buildIfStale(configFile: string, output: string, sources: readonly string[], outDir?: string): Promise<boolean> {
  if (!isStale(output, sources)) return false;
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', ...(outDir !== undefined ? { build: { outDir } } : {}) });
  return true;
}

const ROOT = join(import.meta.dirname, '..');
/** Where the board's bundle is built to, and served from by the agent. */
export const RENDERER_DIST = join(ROOT, 'dist/renderer');

/** Where the diner's page is built to, and served from by the backend at /o/<token> (backend/index.ts). */
export const DINER_DIST = join(ROOT, 'dist/diner');

/** Builds the diner's page (diner/ and the common/ it imports) when its bundle is missing or older. */
export function buildDinerIfStale(outDir: string = DINER_DIST): Promise<boolean> {
  return buildIfStale(join(ROOT, 'diner/vite.config.ts'), join(outDir, 'index.html'), [join(ROOT, 'diner'), join(ROOT, 'common')], outDir);
}

/** Builds the board (renderer/ and the common/ it imports) when its bundle is missing or older. */
export function buildBoardIfStale(): Promise<boolean> {
  return buildIfStale(join(ROOT, 'renderer/vite.config.ts'), join(RENDERER_DIST, 'index.html'), [join(ROOT, 'renderer'), join(ROOT, 'common')]);
}
