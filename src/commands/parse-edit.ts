// "set transfer number 2 for alice@example.com to +1 205 555 0100", "clear transfer number 3 for …",
// "use custom transfer numbers for …", "use location transfer numbers for …". Pure.
import { parsePhoneQuery } from './phone-query';
import { parseTarget } from './target';
import type { Command, EditChange, EditSlot, ParseContext } from './types';

const SLOT = String.raw`(?:auto[\s-]?)?transfer[\s-]*(?:number|no\.?|#)\s*#?\s*(\d+)`;
// The target is everything up to the last " to ": a number never holds one, a name may.
const SET = new RegExp(String.raw`^(?:(?:please|pls)\s+)?(?:set|change|update)\s+(?:the\s+)?${SLOT}\s+(?:for|of)\s+(.+)\s+to\s+(.+)$`, 'isu');
const CLEAR = new RegExp(String.raw`^(?:(?:please|pls)\s+)?(?:clear|remove|delete|unset)\s+(?:the\s+)?${SLOT}\s+(?:for|of|from)\s+(.+)$`, 'isu');
const USE = /^(?:(?:please|pls)\s+)?use\s+(?:the\s+)?(custom|own|location|location['’]s)\s+(?:auto[\s-]?)?transfer[\s-]*numbers?\s+(?:for|of)\s+(.+)$/isu;

/** The edit command in `body` (org already split off), or undefined when it is no edit command. */
export function parseEditCommand(body: string, ctx: ParseContext): Command | undefined {
  const set = SET.exec(body);
  if (set) {
    const slot = slotOf(set[1]);
    if (!slot) return { kind: 'invalidEdit', input: set[1], reason: 'slot' };
    const number = parsePhoneQuery(set[3], ctx.defaultCountry);
    // Stored as E.164: a value libphonenumber does not find valid is refused here, before anything is read.
    if (!number.ok || !number.number.e164) return { kind: 'invalidEdit', input: set[3].trim(), reason: 'number' };
    return withTarget(set[2], { kind: 'setNumber', slot, number: number.number.e164 });
  }
  const clear = CLEAR.exec(body);
  if (clear) {
    const slot = slotOf(clear[1]);
    if (!slot) return { kind: 'invalidEdit', input: clear[1], reason: 'slot' };
    return withTarget(clear[2], { kind: 'clearNumber', slot });
  }
  const use = USE.exec(body);
  if (use) return withTarget(use[2], { kind: 'useCustom', on: /^(?:custom|own)$/i.test(use[1]) });
  return undefined;
}

function slotOf(text: string): EditSlot | undefined {
  return text === '1' || text === '2' || text === '3' ? (Number(text) as EditSlot) : undefined;
}

function withTarget(text: string, change: EditChange): Command {
  const parsed = parseTarget(text);
  if (!parsed.ok) return { kind: 'invalidEdit', input: text.trim(), reason: 'target' };
  return { kind: 'edit', target: parsed.target, change };
}
