// A layering rule in the spirit of VS Code's code-layering (build/lib/eslint/code-layering.ts):
// where a file lives decides what it may import, at every depth of the tree, not only per
// top-level folder. The layers themselves are data (scripts/eslint/layers.js); this rule resolves
// each relative import to a path in the repository and checks it against them.
import { dirname, join, normalize, relative, sep } from 'node:path';

/** A glob as a regular expression: `**` any depth, `*` one segment's part, `{a,b}` either, `:name` one segment captured. */
export function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more whole segments; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '{') {
      const end = glob.indexOf('}', i);
      source += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else if (char === ':') {
      const name = /^[a-z]+/i.exec(glob.slice(i + 1))[0];
      source += `(?<${name}>[^/]+)`;
      i += name.length;
    } else source += escape(char);
  }
  return new RegExp(`^${source}$`);
}

function escape(text) {
  return text.replace(/[.+?^$()[\]\\|]/g, '\\$&');
}

/** `glob` with the `:name` captures of the importing file filled in. */
function fill(glob, captures) {
  return glob.replace(/:([a-z]+)/gi, (whole, name) => captures[name] ?? whole);
}

/** The imported file's path from the repository root, or undefined for a package. */
function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const resolved = normalize(join(dirname(fromFile), specifier)).split(sep).join('/');
  // Sources import each other as `.js`; the files are `.ts` / `.tsx`.
  return resolved.replace(/\.js$/, '.ts');
}

/** The first layer `file` belongs to that forbids `target`, and why; undefined when allowed. */
export function layeringViolation(layers, file, target) {
  for (const layer of layers) {
    const match = globToRegExp(layer.from).exec(file);
    if (!match) continue;
    const captures = match.groups ?? {};
    const targetTsx = target.replace(/\.ts$/, '.tsx');
    const matches = (glob) => {
      const pattern = globToRegExp(fill(glob, captures));
      return pattern.test(target) || pattern.test(targetTsx);
    };
    if ((layer.allow ?? []).some(matches)) continue;
    if (layer.deny.some(matches)) return fill(layer.message, captures);
  }
  return undefined;
}

export const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Where a file lives decides what it may import (scripts/eslint/layers.js).' },
    schema: [
      {
        type: 'object',
        properties: { layers: { type: 'array' } },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: '{{target}}: {{why}}' },
  },
  create(context) {
    const { layers } = context.options[0];
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = resolveImport(file, source.value);
      if (!target) return;
      const why = layeringViolation(layers, file, target);
      if (why) context.report({ node, messageId: 'forbidden', data: { target: source.value, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { 'code-layering': codeLayering } };
