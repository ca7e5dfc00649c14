import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SystemPrintersResult } from '../../../common/kitchen-api.js';
import { withWords } from '../../testing/i18n.js';
import { ApiErrorLine } from './ApiErrorLine.js';
import { LocalPrinterLists } from './PrinterChoices.js';

/*
 * What Settings say of this PC's printers and of a refused scan or logo, in the board's language:
 * the agent sends data (a list, a code) and its own English message; the words around them are
 * the translation files'.
 */

const result: SystemPrintersResult = {
  spooler: [],
  usb: [{ interface: 'usb://0fe6:811e', name: '' }],
  serial: [{ interface: 'serial:///dev/ttyUSB0?baud=9600', name: '/dev/ttyUSB0' }],
  notes: [{ list: 'spooler', message: '"lpstat" not found' }],
};

describe("this PC's printers and refusals in the board's language", () => {
  it('names the lists, an unnamed USB printer and why a list is empty in German', () => {
    const html = renderToStaticMarkup(withWords(<LocalPrinterLists result={result} onAdd={() => undefined} disabled={false} />, 'de'));
    expect(html).toContain('USB-Drucker</span>');
    expect(html).toContain('Installierte Drucker konnten nicht aufgelistet werden: &quot;lpstat&quot; not found');
    expect(html).toContain('Serielle Anschlüsse');
    expect(html).not.toMatch(/could not be listed|USB printer/u);
  });

  it('says a refused range in the language, with the agent’s message under it', () => {
    const error = { code: 'SCAN_RANGE_INVALID', message: '"10.0.0.0/16": give a range of 1 to 1024 addresses' };
    const german = renderToStaticMarkup(withWords(<ApiErrorLine error={error} testId="find-printers-error" />, 'de'));
    expect(german).toContain('Drucker suchen durchsucht das nicht');
    expect(german).toContain('give a range of 1 to 1024 addresses');
    // English shows the agent's message as it is.
    const english = renderToStaticMarkup(withWords(<ApiErrorLine error={error} />, 'en'));
    expect(english).toContain('&quot;10.0.0.0/16&quot;: give a range of 1 to 1024 addresses</p>');
  });
});
