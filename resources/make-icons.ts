/**
 * Writes resources/icons/*.png (the 512×512 app icon and the 32×32 tray icons). Run after
 * changing resources/icons.ts:
 *   npx tsx resources/make-icons.ts
 * The pixels are deterministic; resources/icons.test.ts fails if the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_FILES } from './icons.js';

const outDir = join(import.meta.dirname, 'icons');
mkdirSync(outDir, { recursive: true });
for (const [name, make] of Object.entries(ICON_FILES)) {
  const bytes = make();
  writeFileSync(join(outDir, name), bytes);
  console.log(`${join(outDir, name)}  ${bytes.length} bytes`);
}
