// Chat text and card submits → Command. Pure: no Webex, no I/O.
import { parseTarget } from './target';
import type { Command, ParseContext } from './types';
import { CARD_ACTION, CARD_INPUT_TARGET } from '../cards/types';

// "transfer numbers for …", forgiving about the words around it.
const LOOKUP = /^(?:(?:please|pls)\s+)?(?:(?:show|get|list|find|check|what\s+are)\s+(?:me\s+)?)?(?:the\s+)?(?:auto[\s-]?)?transfers?[\s-]*(?:numbers?|nos?\.?|#s?)\b\s*(?:(?:for|of|from)\b)?[\s:]*(.*)$/isu;
const HELP = /^(?:help|\?|\/help|hi|hello|hey|usage|commands|start)[\s!.?]*$/i;
const IN_ORG = /\s+(?:in|at)\s+org(?:anization)?\s*[:=]?\s*(\S+)\s*$/i;

/** Parses a chat message (already without the leading bot mention in group spaces, or with it: both are fine). */
export function parseCommand(text: string, ctx: ParseContext): Command {
  const whole = normalizeWhitespace(text);
  // The bot's name may itself start with a command word ("Transfer Bot"), so the text is read as it is
  // first and only then without a leading mention.
  for (const body of [whole, stripMention(whole, ctx.botNames)]) {
    if (body === '' || HELP.test(body)) return { kind: 'help' };
    const m = LOOKUP.exec(body);
    if (m) return lookupCommand(m[1] ?? '');
  }
  return { kind: 'help' };
}

function lookupCommand(rest: string): Command {
  let orgId: string | undefined;
  const org = IN_ORG.exec(rest);
  if (org) {
    orgId = org[1].replace(/[<>.,;]+$/g, '').replace(/^</, '');
    rest = rest.slice(0, org.index);
  }
  const parsed = parseTarget(rest);
  if (!parsed.ok) return { kind: 'invalidTarget', input: rest.trim(), reason: parsed.reason };
  return orgId ? { kind: 'lookup', target: parsed.target, orgId } : { kind: 'lookup', target: parsed.target };
}

/** Parses the inputs of an Action.Submit on one of our cards. Unknown shapes are treated as a help request. */
export function parseCardSubmit(inputs: Record<string, unknown>): Command {
  const action = typeof inputs.action === 'string' ? inputs.action : '';
  const orgId = typeof inputs.orgId === 'string' && inputs.orgId !== '' ? inputs.orgId : undefined;
  const withOrg = (c: Command): Command => (orgId && c.kind === 'lookup' ? { ...c, orgId } : c);
  if (action === CARD_ACTION.pick || action === CARD_ACTION.refresh) {
    const personId = typeof inputs.personId === 'string' ? inputs.personId : '';
    const parsed = parseTarget(personId);
    if (parsed.ok && parsed.target.kind === 'personId') return withOrg({ kind: 'lookup', target: parsed.target });
    const email = typeof inputs.email === 'string' ? parseTarget(inputs.email) : undefined;
    if (email?.ok) return withOrg({ kind: 'lookup', target: email.target });
    return { kind: 'invalidTarget', input: personId, reason: personId ? 'malformed' : 'empty' };
  }
  if (action === CARD_ACTION.lookup) {
    const raw = typeof inputs[CARD_INPUT_TARGET] === 'string' ? (inputs[CARD_INPUT_TARGET] as string) : '';
    const parsed = parseTarget(raw);
    if (!parsed.ok) return { kind: 'invalidTarget', input: raw.trim(), reason: parsed.reason };
    return withOrg({ kind: 'lookup', target: parsed.target });
  }
  return { kind: 'help' };
}

function normalizeWhitespace(s: string): string {
  return s.replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}

/** In group spaces the text starts with the bot's display name (or a shortened mention). */
export function stripMention(text: string, botNames: string[]): string {
  let s = text.replace(/^@/, '');
  const names = [...new Set(botNames.filter((n) => n.trim() !== ''))].sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (s.toLowerCase().startsWith(name.toLowerCase())) {
      const after = s.slice(name.length);
      if (after === '' || /^[\s,:;!-]/.test(after)) {
        s = after.replace(/^[\s,:;!-]+/, '');
        break;
      }
    }
  }
  return s.trim();
}
