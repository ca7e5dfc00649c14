import type { Page } from 'playwright-core';

/*
 * Layout checks of the allergy block (issue 20): in a card column as narrow as a 1024×768 screen's,
 * "ALLERGY:" must never be drawn as "ALLERG" / "Y:".
 */

/**
 * Words of the allergy blocks inside `within` (a CSS selector) that the browser broke across lines
 * ("ALLERG" / "Y:"): a word's Range has one client rect per line it is drawn on.
 */
export async function allergyWordsBroken(page: Page, within = 'body'): Promise<{ words: number; broken: string[] }> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) throw new Error(`nothing matches ${selector}`);
    let words = 0;
    const broken: string[] = [];
    for (const block of root.querySelectorAll('.note-allergy')) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          words += 1;
          if (range.getClientRects().length > 1) broken.push(match[0]);
        }
      }
    }
    return { words, broken };
  }, within);
}

