import { describe, expect, it } from 'vitest';
import { encodeText, sanitizeText, textColumns, type TextSegment } from './text-encoder.js';
import { wrapText, wrapWithPrefix } from './text-wrap.js';
import { hex } from './test-fixtures.js';

const bytesOf = (segments: TextSegment[]): Buffer[] => segments.map((s) => ('bytes' in s ? s.bytes : Buffer.from(`<${s.selectCharacterSet}>`)));
const latinColumns = (text: string): number => textColumns(text, 'PC858_EURO');
const chinaColumns = (text: string): number => textColumns(text, 'CHINA');

describe('sanitizeText', () => {
  it('drops control bytes that a printer would obey and turns line breaks into spaces', () => {
    expect(sanitizeText('no\x1bd\x05 cut\x1dV\x00 here\x7f\x9b\r\nnext\ttab')).toBe('nod cutV here  next tab');
  });
});

describe('encodeText', () => {
  it('encodes € as 0xD5 in PC858', () => {
    expect(bytesOf(encodeText('5 €', 'PC858_EURO'))).toEqual([hex(0x35, 0x20, 0xd5)]);
  });

  it('switches to a fallback code page for a character the main one lacks, and back', () => {
    expect(bytesOf(encodeText('Борщ €', 'PC858_EURO'))).toEqual([
      Buffer.from('<PC866_CYRILLIC2>'),
      hex(0x81, 0xae, 0xe0, 0xe9, 0x20),
      Buffer.from('<PC858_EURO>'),
      hex(0xd5),
    ]);
  });

  it('prints ? for a character no configured code page has', () => {
    expect(bytesOf(encodeText('a☃b', 'PC866_CYRILLIC2'))).toEqual([Buffer.from('a?b')]);
  });

  it('wraps each CJK run in FS & … FS . and keeps ASCII outside', () => {
    expect(bytesOf(encodeText('A 宫保 B', 'CHINA'))).toEqual([
      Buffer.concat([Buffer.from('A '), hex(0x1c, 0x26, 0xb9, 0xac, 0xb1, 0xa3, 0x1c, 0x2e), Buffer.from(' B')]),
    ]);
  });
});

describe('wrapping by printed columns', () => {
  it('wraps at word boundaries and cuts words longer than a line', () => {
    expect(wrapText('one two three four', 9, latinColumns)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghijkl mn', 5, latinColumns)).toEqual(['abcde', 'fghij', 'kl mn']);
  });

  it('counts a Kanji-mode character as two columns', () => {
    expect(chinaColumns('宫保A')).toBe(5);
    expect(wrapText('宫保鸡丁宫保', 5, chinaColumns)).toEqual(['宫保', '鸡丁', '宫保']);
  });

  it('indents continuation lines under the text after the prefix', () => {
    expect(wrapWithPrefix('2 x ', 'Margherita with extra basil', 16, latinColumns)).toEqual([
      '2 x Margherita',
      '    with extra',
      '    basil',
    ]);
  });
});
