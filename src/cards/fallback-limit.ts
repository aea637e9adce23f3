// Webex refuses a message whose text/markdown is over 7439 bytes; long fallbacks are cut to fit.

export const MAX_MARKDOWN_BYTES = 7439;
export const SHORTENED_NOTE = '\n\n…(shortened)';

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of whole code points that fits in `maxBytes`. */
function prefixWithinBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/**
 * Returns `markdown` unchanged when it fits, else cut at the last line break that fits (so bold
 * and escapes stay balanced), without a dangling backslash, plus a note that it was shortened.
 */
export function limitMarkdownBytes(markdown: string, maxBytes = MAX_MARKDOWN_BYTES): string {
  if (byteLength(markdown) <= maxBytes) return markdown;
  const budget = Math.max(0, maxBytes - byteLength(SHORTENED_NOTE));
  let cut = prefixWithinBytes(markdown, budget);
  const lastBreak = cut.lastIndexOf('\n');
  if (lastBreak > 0) cut = cut.slice(0, lastBreak);
  // An odd run of trailing backslashes would escape the note's first character.
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return cut.trimEnd() + SHORTENED_NOTE;
}
