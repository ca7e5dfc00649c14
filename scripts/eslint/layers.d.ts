import type { Layer } from './code-layering.js';

export const LAYERS: readonly Layer[];
