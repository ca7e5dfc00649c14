import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { NO_HARD_CODED_WORDS } from '../eslint.config.js';

/*
 * The lint rule that keeps words out of components (eslint.config.js, NO_HARD_CODED_WORDS; `npm run
 * lint` applies it to renderer/ and diner/): shown here to refuse each way a word can be left in a
 * component, and to let through what is not a word.
 */

async function problems(source: string): Promise<string[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.tsx'], languageOptions: { parser: tseslint.parser }, ...NO_HARD_CODED_WORDS }],
  });
  const [result] = await eslint.lintText(source, { filePath: 'renderer/components/Example.tsx' });
  return (result?.messages ?? []).map((message) => `${message.line}:${message.ruleId ?? message.message}`);
}

describe('no hard-coded words in components', () => {
  it('refuses text in JSX, in expressions, and in the attributes people read', async () => {
    const found = await problems(
      [
        'export function Example({ n }: { n: number }) {',
        '  return (',
        '  <div title="Close the ticket">',
        '    Ready',
        "    {n > 1 ? 'Bump all' : null}",
        '    <input placeholder={`Table ${n}`} aria-label="Search" />',
        '    <img alt="Receipt" src="x.png" />',
        '    <Field label="Printer name" hint="Up to 64" />',
        '  </div>',
        '  );',
        '}',
      ].join('\n'),
    );
    expect(found.map((entry) => entry.split(':')[0])).toEqual(['3', '3', '5', '6', '6', '7', '8', '8']);
  });

  it('lets through translated words, test ids, class names and text without letters', async () => {
    const found = await problems(
      [
        "import { useTranslation } from 'react-i18next';",
        'export function B({ n }: { n: number }) {',
        '  const { t } = useTranslation();',
        '  return (',
        "    <div className=\"card card-ready\" data-testid={`order-card-${n}`} title={t('card.label', { number: n })}>",
        "      {t('card.actions.ready')} ✕ — #{n} 1–5",
        "      <span aria-hidden=\"true\">{n > 1 ? '×' : '·'}</span>",
        '    </div>',
        '  );',
        '}',
      ].join('\n'),
    );
    expect(found).toEqual([]);
  });
});
