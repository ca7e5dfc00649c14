import type { Rule } from 'eslint';

export interface Layer {
  from: string;
  deny: readonly string[];
  allow?: readonly string[];
  message: string;
}

export function globToRegExp(glob: string): RegExp;
export function layeringViolation(layers: readonly Layer[], file: string, target: string): string | undefined;
export const codeLayering: Rule.RuleModule;
declare const plugin: { rules: Record<string, Rule.RuleModule> };
export default plugin;
