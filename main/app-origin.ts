import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the board is loaded from: the built renderer on disk, or the agent's local HTTP server. */
export type RendererSource = { kind: 'file'; indexHtml: string } | { kind: 'url'; url: string };

/**
 * "Is this URL our app?" — the one question behind navigation blocking and the IPC sender check.
 * For file:// the browser origin is the opaque "null", so the test is "inside the renderer folder".
 */
export interface AppOrigin {
  readonly source: RendererSource;
  isAppUrl(url: string): boolean;
}

export function createAppOrigin(source: RendererSource): AppOrigin {
  if (source.kind === 'file') {
    const root = dirname(source.indexHtml);
    return {
      source,
      isAppUrl(url) {
        const parsed = parseUrl(url);
        if (parsed?.protocol !== 'file:' || parsed.host !== '') return false;
        const path = toPath(parsed);
        if (path === undefined) return false;
        const rel = relative(root, path);
        return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
      },
    };
  }
  const origin = new URL(source.url).origin;
  return {
    source,
    isAppUrl: (url) => parseUrl(url)?.origin === origin,
  };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** fileURLToPath refuses some URLs (an encoded "/" in a segment, a host on POSIX): not ours then. */
function toPath(url: URL): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}
