import { describe, expect, it } from 'vitest';
import type { FirstScreenData } from '../../common/first-screen.js';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { railOrder } from '../testing/orders.js';
import { FIRST_SCREEN_DATA_ID, fillPage, jsonForScriptElement, readFirstScreenData } from './page-data.js';

const TEMPLATE = '<!doctype html><html><head><script type="module" src="./assets/index.js"></script></head><body><div id="root"></div></body></html>';
const HOSTILE_NOTE = '</script><script>alert(1)</script><!-- $& $1';

const DATA: FirstScreenData = {
  snapshot: { orders: [railOrder({ notes: HOSTILE_NOTE })], connection: { mode: 'live', lastSeq: 1 }, stations: ['kitchen'] },
  settings: redactSettings(AgentSettingsSchema.parse({})),
  renderedAt: 1_767_268_800_000,
};
/** A fresh copy each time: what was filled in cannot have been changed on the way. */
const data = (): FirstScreenData => structuredClone(DATA);

/** The text of the data block, as the browser's parser would end it: at the first `</script`. */
const blockText = (page: string) => {
  const start = page.indexOf(`id="${FIRST_SCREEN_DATA_ID}">`) + `id="${FIRST_SCREEN_DATA_ID}">`.length;
  return page.slice(start, page.indexOf('</script', start));
};

describe('the first screen in the page', () => {
  it('keeps an order note from closing the data block, and reads back unchanged', () => {
    const page = fillPage(TEMPLATE, '<main>board</main>', data());
    expect(jsonForScriptElement(data())).not.toContain('<');
    // The block ends where its data ends: the note could not start a script of its own.
    expect(JSON.parse(blockText(page))).toEqual(data());
    expect(page.match(/<script/g)).toHaveLength(2);
  });

  it('puts the markup in #root and the data after it, taking `$` in the markup literally', () => {
    const page = fillPage(TEMPLATE, '<p>$&amp; $1</p>', data());
    expect(page).toContain(`<div id="root"><p>$&amp; $1</p></div><script type="application/json" id="${FIRST_SCREEN_DATA_ID}">`);
    expect(page.startsWith('<!doctype html><html><head><script type="module"')).toBe(true);
  });

  it('leaves a page without an empty #root as it is', () => {
    const odd = TEMPLATE.replace('<div id="root"></div>', '<div id="root">kept</div>');
    expect(fillPage(odd, '<p>x</p>', data())).toBe(odd);
  });

  it('reads the data back from the page, and nothing from a missing, broken or foreign block', () => {
    const documentWith = (text: string | null) => ({ getElementById: (id: string) => (id === FIRST_SCREEN_DATA_ID && text !== null ? { textContent: text } : null) }) as unknown as Document;
    expect(readFirstScreenData(documentWith(jsonForScriptElement(data())))).toEqual(data());
    expect(readFirstScreenData(documentWith(null))).toBeUndefined();
    expect(readFirstScreenData(documentWith('{"snapshot":'))).toBeUndefined();
    expect(readFirstScreenData(documentWith('{"snapshot":{"orders":[]},"settings":{}}'))).toBeUndefined();
    expect(readFirstScreenData(documentWith('null'))).toBeUndefined();
  });
});
