import type { DrawerMode, TextMode } from '../../../common/settings.js';

/**
 * The words of the printer settings added for real counters (issue 21), in one place so they move
 * to the translation files as one block.
 */
export const PRINTER_WORDS = {
  interfaceHint: 'tcp://host:port, printer:NAME, usb://VID:PID, file:///dev/usb/lp0 or serial://COM3?baud=9600',
  textMode: 'Text',
  textModeHint: 'Automatic draws what the printer’s code pages cannot print',
  drawer: 'Cash drawer',
  openDrawer: 'Open drawer',
  opening: 'opening…',
  logo: 'Logo',
  logoHint: 'PNG or JPEG, up to 2 MB: scaled to the paper and dithered',
  logoNone: 'No logo',
  logoPreparing: 'preparing…',
  removeLogo: 'Remove logo',
  saveFirst: 'Save first',
  findPrinters: 'Find printers',
  finding: 'looking…',
  rangeLabel: 'Network range (optional)',
  rangeHint: 'Empty scans this PC’s networks; or 192.168.1.0/24, 192.168.1.10-192.168.1.50',
  thisPc: 'This PC’s printers',
  listing: 'looking…',
  add: 'Add',
  nothingFound: (scanned: number) => `No printer answered on port 9100 (${scanned} addresses asked).`,
  foundCount: (found: number, scanned: number) => `${found} printer${found === 1 ? '' : 's'} answered (${scanned} addresses asked).`,
  spooler: 'Installed printers (spooler)',
  usb: 'USB printers',
  serial: 'Serial ports',
  noneOfKind: 'none',
} as const;

export const TEXT_MODE_LABELS: Readonly<Record<TextMode, string>> = {
  auto: 'Automatic (code page, else drawn)',
  codepage: 'Code page only',
  image: 'Drawn (every line as an image)',
};

export const DRAWER_LABELS: Readonly<Record<DrawerMode, string>> = {
  never: 'Opens with the button only',
  'on-payment-verified': 'Opens when a payment is verified',
};
