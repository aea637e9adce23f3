import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  cleanText,
  escapeEmail,
  escapeIdentifier,
  escapeMarkdown,
  plainText,
  truncateText,
} from '../../../src/cards/escape';
import { HOSTILE_TEXTS, ZWJ, shown } from './examples';

/** True if `char` occurs at `index` without an escaping backslash (odd run) in front of it. */
function unescapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

function unescapedOccurrences(text: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (chars.includes(text[i]) && unescapedAt(text, i)) found.push(`${text[i]}@${i}`);
  }
  return found;
}

describe('cards/escape', () => {
  describe('cleanText', () => {
    it('turns non-strings into empty text, never "undefined", "null" or "[object Object]"', () => {
      assert.equal(cleanText(undefined), '');
      assert.equal(cleanText(null), '');
      assert.equal(cleanText({ a: 1 }), '');
      assert.equal(cleanText(['x']), '');
      assert.equal(cleanText(Number.NaN), '');
      assert.equal(cleanText(42), '42');
    });

    it('puts everything on one line and drops control and bidi characters', () => {
      assert.equal(cleanText('  line one\nline two\r\n\tthree\u0007  '), 'line one line two three');
      assert.equal(cleanText('\u202Eevil\u202C\u2066x\u2069'), 'evilx');
    });

    it('caps the length with an ellipsis without splitting an emoji', () => {
      assert.equal(cleanText('abcdefghij', 5), 'abcd…');
      assert.equal(truncateText('😀😀😀😀', 3), '😀😀…');
      assert.equal(truncateText('short', 5), 'short');
    });
  });

  describe('escapeMarkdown', () => {
    it('makes a markdown link literal and breaks its URL', () => {
      assert.equal(escapeMarkdown('[click](http://evil)'), `\\[click\\](http:/${ZWJ}/evil)`);
    });

    it('escapes emphasis, code, strikethrough and HTML', () => {
      assert.equal(escapeMarkdown('**bold**'), '\\*\\*bold\\*\\*');
      assert.equal(escapeMarkdown('<script>alert(1)</script>'), '\\<script\\>alert(1)\\</script\\>');
      assert.equal(escapeMarkdown('`code` ~~x~~'), '\\`code\\` \\~\\~x\\~\\~');
      assert.equal(escapeMarkdown('_em_'), '\\_em\\_');
    });

    it('breaks Webex mentions so they cannot notify anyone', () => {
      assert.equal(escapeMarkdown('<@all>'), `\\<${ZWJ}@all\\>`);
      assert.equal(escapeMarkdown('<@personEmail:boss@example.com>'), `\\<${ZWJ}@personEmail:boss@example.${ZWJ}com\\>`);
    });

    it('breaks bare URLs and domains so clients do not turn them into links', () => {
      assert.equal(escapeMarkdown('http://evil.example'), `http:/${ZWJ}/evil.${ZWJ}example`);
      assert.equal(escapeMarkdown('www.evil.com'), `www.${ZWJ}evil.${ZWJ}com`);
      assert.equal(escapeMarkdown('//evil.com'), `/${ZWJ}/evil.${ZWJ}com`);
    });

    it('breaks Adaptive Card date functions', () => {
      assert.equal(escapeMarkdown('{{DATE(2017-02-14T06:08:00Z, SHORT)}}'), `{${ZWJ}{DATE(2017-02-14T06:08:00Z, SHORT)}${ZWJ}}`);
    });

    it('escapes headings, lists and quotes at the start only', () => {
      assert.equal(escapeMarkdown('# Heading'), '\\# Heading');
      assert.equal(escapeMarkdown('- item'), '\\- item');
      assert.equal(escapeMarkdown('+ item'), '\\+ item');
      assert.equal(escapeMarkdown('1. item'), '1\\. item');
      assert.equal(escapeMarkdown('> quote'), '\\> quote');
      assert.equal(escapeMarkdown('Mary-Jane O\'Neil (IT) #2'), "Mary-Jane O'Neil (IT) #2");
      assert.equal(escapeMarkdown('+1205553650'), '+1205553650');
    });

    it('keeps ordinary names exactly as they are', () => {
      for (const name of ['Alice Anderson', 'José Müller-Łukasz', '山田 太郎', 'Zoë O\'Brien', 'first_last']) {
        assert.equal(escapeMarkdown(name), name);
      }
    });

    it('escapes backslashes so an attacker cannot un-escape the next character', () => {
      assert.equal(escapeMarkdown('\\[x\\](y)'), '\\\\\\[x\\\\\\](y)');
    });

    it('leaves no unescaped markdown syntax, URL, mention or date function for any input', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (input) => {
          const out = escapeMarkdown(input);
          assert.deepEqual(unescapedOccurrences(out, '[]<>*`~'), []);
          // Mentions, URLs and date functions must stay broken even after escapes are resolved.
          const resolved = out.replace(/\\([!-/:-@[-`{-~])/g, '$1');
          assert.ok(!resolved.includes('<@'), out);
          assert.ok(!resolved.includes('//'), out);
          assert.ok(!resolved.includes('{{') && !resolved.includes('}}'), out);
          assert.ok(!/\n|\r/.test(out), out);
        }),
        { numRuns: 500 },
      );
    });

    it('reads the same once rendered: only escapes and invisible breaks are added', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 80 }), (input) => {
          const expected = cleanText(input).split(ZWJ).join('');
          assert.equal(shown(escapeMarkdown(input)), expected);
        }),
        { numRuns: 500 },
      );
      for (const text of HOSTILE_TEXTS.slice(0, -1)) {
        assert.equal(shown(escapeMarkdown(text)), cleanText(text));
      }
    });
  });

  describe('escapeEmail', () => {
    it('keeps well-formed addresses copyable: no invisible breaks, underscores inside words as they are', () => {
      assert.equal(escapeEmail('alice@example.com'), 'alice@example.com');
      assert.equal(escapeEmail('first_last@sub.example.co.uk'), 'first_last@sub.example.co.uk');
      assert.equal(escapeEmail('a+tag@example.com'), 'a+tag@example.com');
    });

    it('still escapes markdown inside an address', () => {
      assert.equal(escapeEmail('a*b*c@example.com'), 'a\\*b\\*c@example.com');
      assert.equal(escapeEmail('_x_@example.com'), '\\_x\\_@example.com');
    });

    it('treats anything that is not a plain address like any other text', () => {
      assert.equal(escapeEmail('<@all>'), `\\<${ZWJ}@all\\>`);
      assert.equal(escapeEmail('[x](http://evil)@example.com'), `\\[x\\](http:/${ZWJ}/evil)@example.${ZWJ}com`);
      assert.equal(escapeEmail(undefined), '');
    });
  });

  describe('escapeIdentifier', () => {
    it('passes tracking IDs and person IDs through unchanged', () => {
      assert.equal(escapeIdentifier('ROUTER_62A4B2E4-0B6E-01BB-1A2B-0A1B2C3D4E5F'), 'ROUTER_62A4B2E4-0B6E-01BB-1A2B-0A1B2C3D4E5F');
      assert.equal(escapeIdentifier('Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ=='), 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ==');
    });

    it('escapes anything else', () => {
      assert.equal(escapeIdentifier('[x](http://evil)'), `\\[x\\](http:/${ZWJ}/evil)`);
      assert.equal(escapeIdentifier(undefined), '');
    });
  });

  describe('plainText (FactSet values, button titles)', () => {
    it('adds no backslashes, which would show in plain text', () => {
      assert.equal(plainText('**bold** _em_ #1'), '**bold** _em_ #1');
      assert.equal(plainText('+1 (205) 555-3650'), '+1 (205) 555-3650');
    });

    it('splits links, mentions, HTML tags and URLs with invisible breaks', () => {
      assert.equal(plainText('[click](http://evil)'), `[click]${ZWJ}(http:/${ZWJ}/evil)`);
      assert.equal(plainText('<@all>'), `<${ZWJ}@all>`);
      assert.equal(plainText('<script>'), `<${ZWJ}script>`);
      assert.equal(plainText('www.evil.com'), `www.${ZWJ}evil.${ZWJ}com`);
    });

    it('never leaves a link, tag, mention or URL for any input', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (input) => {
          const out = plainText(input);
          assert.ok(!out.includes(']('), out);
          assert.ok(!out.includes('//'), out);
          assert.ok(!/<(?!\u200D)/.test(out), out);
          assert.equal(out.split(ZWJ).join(''), cleanText(input));
        }),
        { numRuns: 500 },
      );
    });
  });
});
