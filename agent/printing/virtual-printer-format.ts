import type { DecodedLine } from './decoded-job.js';
import type { PrintedJob } from './virtual-printer.js';

/** A printed job as readable text: a header naming it, its lines aligned as on paper, style tags. */
const DEFAULT_COLUMNS = 48;

const STYLE_TAGS: readonly [keyof DecodedLine, string][] = [
  ['bold', 'bold'],
  ['underline', 'underline'],
  ['doubleWidth', 'wide'],
  ['doubleHeight', 'tall'],
  ['inverted', 'inverted'],
  ['red', 'red'],
];

function alignText(text: string, align: DecodedLine['align'], columns: number): string {
  const free = Math.max(0, columns - [...text].length);
  if (align === 'center') return ' '.repeat(Math.floor(free / 2)) + text;
  if (align === 'right') return ' '.repeat(free) + text;
  return text;
}

export function formatLine(line: DecodedLine, columns: number = DEFAULT_COLUMNS): string {
  const tags = STYLE_TAGS.filter(([key]) => line[key] === true).map(([, tag]) => tag);
  const text = alignText(line.text, line.align, columns);
  return tags.length > 0 ? `${text.padEnd(columns)}  [${tags.join(' ')}]` : text;
}

export function formatPrintedJob(job: PrintedJob, columns: number = DEFAULT_COLUMNS): string[] {
  const { decoded } = job;
  const header = `=== ${job.id} | connection ${job.connectionId} | ${job.printedAt.toISOString()} | ${job.bytes.length} bytes ===`;
  const extras = [
    decoded.cuts > 0 ? `cut x${decoded.cuts}` : undefined,
    decoded.buzzer > 0 ? `buzzer x${decoded.buzzer}` : undefined,
    decoded.images > 0 ? `images x${decoded.images}` : undefined,
    decoded.barcodes > 0 ? `barcodes x${decoded.barcodes}` : undefined,
    decoded.codePages.length > 0 ? `code pages ${decoded.codePages.join(',')}` : undefined,
    decoded.unknownBytes > 0 ? `unknown bytes ${decoded.unknownBytes}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return [header, ...decoded.lines.map((line) => formatLine(line, columns)), `--- ${extras.join(' | ') || 'no cut'} ---`];
}
