// Webex chat clients post mentions as `<@personId:ID|Name>` or `<@personEmail:EMAIL|Name>` in markdown; the stored
// message gets plain `text` (mention -> Name), `mentionedPeople` ids and an `html` with <spark-mention> tags.

export interface ParsedMarkdown {
  text: string;
  html: string;
  mentionedPeople: string[];
}

export type PersonResolver = (kind: 'personId' | 'personEmail', value: string) => { id: string; displayName: string } | undefined;

const MENTION = /<@(personId|personEmail):([^|>]+)(?:\|([^>]*))?>/g;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text of simple markdown: emphasis and code markers go, the words stay. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*|__|`/g, '');
}

export function parseMarkdown(markdown: string, resolve: PersonResolver): ParsedMarkdown {
  const mentionedPeople: string[] = [];
  let text = '';
  let html = '';
  let last = 0;
  for (const match of markdown.matchAll(MENTION)) {
    const [whole, kind, value, label] = match;
    const before = markdown.slice(last, match.index);
    text += plain(before);
    html += escapeHtml(plain(before));
    last = match.index + whole.length;
    const person = resolve(kind as 'personId' | 'personEmail', value.trim());
    const name = label ?? person?.displayName ?? value;
    text += name;
    if (person) {
      if (!mentionedPeople.includes(person.id)) mentionedPeople.push(person.id);
      html += `<spark-mention data-object-type="person" data-object-id="${escapeHtml(person.id)}">${escapeHtml(name)}</spark-mention>`;
    } else {
      html += escapeHtml(name);
    }
  }
  const rest = markdown.slice(last);
  text += plain(rest);
  html += escapeHtml(plain(rest));
  return { text, html: `<p>${html.replace(/\n/g, '<br/>')}</p>`, mentionedPeople };
}

export function mentionMarkdown(personId: string, displayName: string): string {
  return `<@personId:${personId}|${displayName}>`;
}
