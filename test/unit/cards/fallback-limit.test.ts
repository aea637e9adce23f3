import { strict as assert } from 'node:assert';
import { limitMarkdownBytes, MAX_MARKDOWN_BYTES, SHORTENED_NOTE } from '../../../src/cards/fallback-limit';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('cards/fallback-limit', () => {
  it('leaves markdown that fits unchanged, up to exactly 7439 bytes', () => {
    assert.equal(MAX_MARKDOWN_BYTES, 7439);
    const exact = 'a'.repeat(7439);
    assert.equal(limitMarkdownBytes(exact), exact);
  });

  it('cuts at the last line break that fits and says it was shortened', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- **line ${i}** ${'x'.repeat(20)}`);
    const out = limitMarkdownBytes(lines.join('\n'));
    assert.ok(bytes(out) <= 7439, String(bytes(out)));
    assert.ok(out.endsWith(SHORTENED_NOTE));
    const kept = out.slice(0, -SHORTENED_NOTE.length).split('\n');
    assert.deepEqual(kept, lines.slice(0, kept.length), 'only whole lines are kept');
  });

  it('never splits a multi-byte character', () => {
    const out = limitMarkdownBytes('😀'.repeat(3000));
    assert.ok(bytes(out) <= 7439);
    assert.ok(!out.includes('\uFFFD'));
    assert.equal(Buffer.from(out, 'utf8').toString('utf8'), out);
    assert.match(out, /^(?:😀)+\n\n…\(shortened\)$/u);
  });

  it('does not leave an escaping backslash dangling at the cut', () => {
    const out = limitMarkdownBytes('\\*'.repeat(5000), 101);
    const body = out.slice(0, -SHORTENED_NOTE.length);
    assert.ok(bytes(out) <= 101);
    assert.equal(/\\+$/.exec(body)?.[0].length ?? 0, 0);
  });
});
