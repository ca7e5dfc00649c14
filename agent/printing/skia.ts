import { createRequire } from 'node:module';

/**
 * `@napi-rs/canvas`, loaded the first time a line is drawn or a logo prepared. Loading Skia costs
 * about 0.6 s and 40 MB of memory; a kitchen whose tickets all fit its code pages never pays it,
 * and no agent pays it at start.
 */
type Skia = typeof import('@napi-rs/canvas');
let loaded: Skia | undefined;

export function skia(): Skia {
  loaded ??= createRequire(import.meta.url)('@napi-rs/canvas') as Skia;
  return loaded;
}
