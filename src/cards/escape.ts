// The one place where text from users or from Webex is made safe to show. Names, emails, what was
// typed and Webex's messages pass through here before they reach markdown or a card, so none of them
// can format the reply, mention people, add links or HTML, or break the layout.

/**
 * Zero-width joiner: invisible, but splits sequences that renderers would turn into something
 * (links, mentions, Adaptive Card date functions) while the text still reads the same.
 */
export const INVISIBLE_BREAK = '\u200D';
export const ELLIPSIS = '…';
export const DEFAULT_MAX_LENGTH = 200;

/** Control characters (newlines included) and Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
/** Bidirectional overrides and marks: they can make text read differently from what it is. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Cuts to at most `maxLength` code points (never inside a surrogate pair), marking the cut. */
export function truncateText(text: string, maxLength: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= maxLength) return text;
  return codePoints.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd() + ELLIPSIS;
}

/**
 * Any value to one clean line of text: non-strings become '' (so "undefined", "null" or
 * "[object Object]" can never appear), control and bidi characters go, whitespace collapses,
 * and the length is capped.
 */
export function cleanText(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const oneLine = text.replace(CONTROL_CHARS, ' ').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
  return truncateText(oneLine, maxLength);
}

/**
 * Splits what linkifiers, Webex mentions and Adaptive Card text functions look for. Format
 * characters (\p{Cf}) count as glue in the patterns so that a name which already hides one cannot
 * slip past.
 */
function breakActiveSequences(text: string): string {
  return (
    text
      // "//" starts URLs (http://, protocol-relative //host).
      .replace(/\/(?=\p{Cf}*\/)/gu, `/${INVISIBLE_BREAK}`)
      // A dot between a word and letters makes a domain (evil.example, www.x.com) that clients autolink.
      .replace(/(?<=[\p{L}\p{N}_\-\p{Cf}])\.(?=\p{Cf}*\p{L})/gu, `.${INVISIBLE_BREAK}`)
      // <@all>, <@personEmail:…>: Webex mentions.
      .replace(/<(?=\p{Cf}*@)/gu, `<${INVISIBLE_BREAK}`)
      // {{DATE(…)}} / {{TIME(…)}}: Adaptive Card text functions.
      .replace(/\{(?=\p{Cf}*\{)/gu, `{${INVISIBLE_BREAK}`)
      .replace(/\}(?=\p{Cf}*\})/gu, `}${INVISIBLE_BREAK}`)
  );
}

/**
 * Backslash-escapes what would format text in CommonMark (Webex messages and TextBlocks): emphasis,
 * code, links, HTML and autolinks everywhere; headings, lists and quotes at the start. Underscores
 * inside a word (first_last@example.com) cannot emphasize, so they stay as they are.
 */
function escapeMarkdownSyntax(text: string): string {
  return text
    .replace(/[\\`*~[\]<>]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/^#/, '\\#')
    .replace(/^([+-])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Untrusted text for markdown: Webex message markdown and Adaptive Card TextBlocks. */
export function escapeMarkdown(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  return escapeMarkdownSyntax(breakActiveSequences(cleanText(value, maxLength)));
}

/** Plain email shape (as Webex returns them): nothing in it can form a URL, a mention or HTML. */
const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"/]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * An email address for markdown. A well-formed address keeps its dots so that it can be copied
 * into Control Hub as is (at worst a client turns it into a mailto link to that same address);
 * anything else is escaped like any other text.
 */
export function escapeEmail(value: unknown, maxLength = 254): string {
  const email = cleanText(value, maxLength);
  if (!EMAIL_SHAPE.test(email)) return escapeMarkdown(email, maxLength);
  return escapeMarkdownSyntax(email.replace(/\{(?=\{)/g, `{${INVISIBLE_BREAK}`).replace(/\}(?=\})/g, `}${INVISIBLE_BREAK}`));
}

/**
 * An identifier (tracking ID, person ID, log reference) for markdown. The usual characters of IDs
 * pass unchanged so they can be copied; anything else is escaped like any other text.
 */
export function escapeIdentifier(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  const id = cleanText(value, maxLength);
  if (/^[A-Za-z0-9_:=+-]+$/.test(id)) return escapeMarkdownSyntax(id);
  return escapeMarkdown(id, maxLength);
}

/**
 * Untrusted text for places Webex shows as plain text: FactSet values and button titles. No
 * backslashes (they would show); links, mentions, autolinks and HTML tags are split with invisible
 * breaks instead, in case a renderer does apply markdown there.
 */
export function plainText(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  return breakActiveSequences(cleanText(value, maxLength))
    .replace(/\](?=\()/g, `]${INVISIBLE_BREAK}`)
    .replace(/<(?!\u200D)/g, `<${INVISIBLE_BREAK}`);
}
