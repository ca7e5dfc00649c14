/**
 * Writes resources/sounds/*.wav. Run after changing resources/sounds.ts:
 *   npx tsx resources/make-sounds.ts
 * The output is deterministic; resources/sounds.test.ts fails if the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOUND_FILES } from './sounds.js';

const outDir = join(import.meta.dirname, 'sounds');
mkdirSync(outDir, { recursive: true });
for (const [name, make] of Object.entries(SOUND_FILES)) {
  const bytes = make();
  writeFileSync(join(outDir, name), bytes);
  console.log(`${join(outDir, name)}  ${bytes.length} bytes`);
}
