// Chat text and card submits → Command. Pure: no Webex, no I/O.
import { parsePhoneQuery } from './phone-query';
import { isOrganizationId } from './org-id';
import { parseTarget } from './target';
import { trimEndChars, trimStartChars } from './trim';
import { MAX_TARGETS, parseTargetList, sameTarget } from './target-list';
import { parseEditCommand } from './parse-edit';
import type { Command, EditDecision, ParseContext, Target } from './types';
import { parseEditChangeCode } from './edit-change-code';
import { CARD_ACTION, CARD_DATA_EDIT, CARD_DATA_TARGETS, CARD_EDIT_ID, CARD_INPUT_TARGET, CARD_WORKSPACE_ID, WORKSPACE_ID_LINE } from './card-actions';

// "transfer numbers for …", forgiving about the words around it.
const LOOKUP = /^(?:(?:please|pls)\s+)?(?:(?:show|get|list|find|check|what\s+are)\s+(?:me\s+)?)?(?:the\s+)?(?:auto[\s-]?)?transfers?[\s-]*(?:numbers?|nos?\.?|#s?)\b\s*(?:(?:for|of|from)\b)?[\s:]*(.*)$/isu;
// "who transfers to …", "who is transferring calls to …", "which people transfer to …".
const REVERSE =
  /^(?:(?:please|pls)\s+)?(?:(?:show|tell\s+me|find|list)\s+)?(?:who|which\s+(?:people|persons|users))\s+(?:(?:is|are)\s+)?(?:auto[\s-]?)?transfer(?:s|ring|red)?\s+(?:(?:their\s+)?calls\s+)?to\b[\s:]*(.*)$/isu;
// "transfer numbers report", "send me the transfer number report for location Birmingham HQ".
const REPORT =
  /^(?:(?:please|pls)\s+)?(?:(?:show|get|send|make|run|create|give)\s+(?:me\s+|us\s+)?)?(?:(?:a|the)\s+)?(?:auto[\s-]?)?transfers?[\s-]*(?:numbers?|nos?\.?|#s?)[\s-]+report(?=[\s:.!?]|$)[\s:.!?]*(.*)$/isu;
// What may follow: "for location <name>", "for <name>", "location <name>".
const REPORT_LOCATION = /^(?:for\s+)?(?:(?:the\s+)?(?:location|site)\b[\s:]*)?(.*)$/isu;
/** Longest location name (or ID) a report may name; Webex location names are far shorter. */
export const MAX_REPORT_LOCATION_LENGTH = 256;
// How an edit command starts (see parse-edit.ts).
const EDIT_START = /^(?:(?:please|pls)\s+)?(?:set|change|update|clear|remove|delete|unset|use)\s/i;
const HELP = /^(?:help|\?|\/help|hi|hello|hey|usage|commands|start)[\s!.?]*$/i;
// "in org" or "at organization:" as words of their own; the organization is everything after the last one.
const IN_ORG = /(?:^|\s)(?:in|at)\s+org(?:anization)?(?=$|[\s:=])/gi;

/** Parses a chat message (already without the leading bot mention in group spaces, or with it: both are fine). */
export function parseCommand(text: string, ctx: ParseContext): Command {
  const whole = normalizeWhitespace(text);
  // The bot's name may itself start with a command word ("Transfer Bot"), so the text is read as it is
  // first and only then without a leading mention.
  for (const body of [whole, stripMention(whole, ctx.botNames)]) {
    if (body === '' || HELP.test(body)) return { kind: 'help' };
    const edit = editCommand(body, ctx);
    if (edit) return edit;
    const reverse = REVERSE.exec(body);
    if (reverse) return reverseCommand(reverse[1] ?? '', ctx);
    const report = REPORT.exec(body);
    if (report) return reportCommand(report[1] ?? '');
    const m = LOOKUP.exec(body);
    if (m) return lookupCommand(m[1] ?? '');
  }
  return { kind: 'help' };
}

/**
 * "… in org <orgId>" at the end: partner administrators working in a customer's org. Whatever follows
 * the last "in org" is what they named, nothing included ("" is then reported, not looked up as a name).
 */
function splitOrg(rest: string): { rest: string; orgId?: string } {
  let last: RegExpExecArray | undefined;
  for (const match of rest.matchAll(IN_ORG)) last = match;
  if (!last) return { rest };
  const value = trimStartChars(rest.slice(last.index + last[0].length).trim(), ':=').trim();
  return { rest: rest.slice(0, last.index), orgId: trimStartChars(trimEndChars(value, '<>.,;'), '<') };
}

function lookupCommand(text: string): Command {
  const { rest, orgId } = splitOrg(text);
  if (orgId !== undefined && !isOrganizationId(orgId)) return { kind: 'invalidOrg', input: orgId };
  const parsed = parseTargetList(rest);
  if (!parsed.ok) return { kind: 'invalidTarget', input: parsed.input, reason: parsed.reason };
  return withOrgId(lookupOf(parsed.targets), orgId);
}

/** An edit command, with "in org" at its very end as for look-ups; undefined when it is none. */
function editCommand(text: string, ctx: ParseContext): Command | undefined {
  // Every other message is spared the "in org" split and three patterns.
  if (!EDIT_START.test(text)) return undefined;
  const { rest, orgId } = splitOrg(text);
  const command = parseEditCommand(rest.trim(), ctx);
  if (!command) return undefined;
  if (orgId !== undefined && !isOrganizationId(orgId)) return { kind: 'invalidOrg', input: orgId };
  return withOrgId(command, orgId);
}

function reverseCommand(text: string, ctx: ParseContext): Command {
  const { rest, orgId } = splitOrg(text);
  if (orgId !== undefined && !isOrganizationId(orgId)) return { kind: 'invalidOrg', input: orgId };
  const parsed = parsePhoneQuery(rest, ctx.defaultCountry);
  if (!parsed.ok) return { kind: 'invalidNumber', input: rest.trim(), reason: parsed.reason };
  return withOrgId({ kind: 'reverse', number: parsed.number }, orgId);
}

function reportCommand(text: string): Command {
  const { rest, orgId } = splitOrg(text);
  if (orgId !== undefined && !isOrganizationId(orgId)) return { kind: 'invalidOrg', input: orgId };
  const location = trimEndChars(trimStartChars((REPORT_LOCATION.exec(rest.trim())?.[1] ?? '').trim(), '"\'<'), '"\'>.?!').trim();
  if (location.length > MAX_REPORT_LOCATION_LENGTH) return { kind: 'invalidTarget', input: location, reason: 'tooLong' };
  return withOrgId(location ? { kind: 'report', location } : { kind: 'report' }, orgId);
}

/** One person is a plain look-up, as before lists existed; several are one lookupMany. */
function lookupOf(targets: Target[]): Command {
  return targets.length === 1 ? { kind: 'lookup', target: targets[0] } : { kind: 'lookupMany', targets };
}

function withOrgId(command: Command, orgId: string | undefined): Command {
  if (!orgId) return command;
  return command.kind === 'lookup' || command.kind === 'lookupMany' || command.kind === 'reverse' || command.kind === 'report' || command.kind === 'edit'
    ? { ...command, orgId }
    : command;
}

const EDIT_DECISIONS: Record<string, EditDecision | undefined> = {
  [CARD_ACTION.editConfirm]: 'confirm',
  [CARD_ACTION.editCancel]: 'cancel',
  [CARD_ACTION.editUndo]: 'undo',
};

/** Parses the inputs of an Action.Submit on one of our cards. Unknown shapes are treated as a help request. */
export function parseCardSubmit(inputs: Record<string, unknown>): Command {
  const action = typeof inputs.action === 'string' ? inputs.action : '';
  // Card data comes back from the client: an org ID must look like one before it goes to Webex. Our
  // buttons send "" when the look-up was in the default org.
  const orgId = typeof inputs.orgId === 'string' && inputs.orgId !== '' ? inputs.orgId : undefined;
  if (orgId !== undefined && !isOrganizationId(orgId)) return { kind: 'invalidOrg', input: orgId };
  // Not text at all (42, {…}): shown as sent, so the reply does not say "nothing followed in org".
  if (inputs.orgId !== undefined && typeof inputs.orgId !== 'string') return { kind: 'invalidOrg', input: String(JSON.stringify(inputs.orgId)).slice(0, 200) };
  const withOrg = (c: Command): Command => withOrgId(c, orgId);
  if (action === CARD_ACTION.pick || action === CARD_ACTION.refresh) {
    const picked = pickedTarget(inputs);
    if (!picked.ok) return picked.command;
    // An edit's pick buttons carry its change: the edit is proposed for the one picked (nothing is
    // written before Confirm).
    if (action === CARD_ACTION.pick && inputs[CARD_DATA_EDIT] !== undefined) {
      const change = typeof inputs[CARD_DATA_EDIT] === 'string' ? parseEditChangeCode(inputs[CARD_DATA_EDIT]) : undefined;
      return change ? withOrg({ kind: 'edit', target: picked.target, change }) : { kind: 'help' };
    }
    return withOrg({ kind: 'lookup', target: picked.target, ...(action === CARD_ACTION.refresh ? { fresh: true } : {}) });
  }
  const decision = Object.hasOwn(EDIT_DECISIONS, action) ? EDIT_DECISIONS[action] : undefined;
  if (decision) {
    const editId = typeof inputs.editId === 'string' ? inputs.editId : '';
    return CARD_EDIT_ID.test(editId) ? { kind: 'editDecision', decision, editId } : { kind: 'help' };
  }
  if (action === CARD_ACTION.refreshMany) return withOrg(freshly(refreshManyCommand(inputs[CARD_DATA_TARGETS])));
  if (action === CARD_ACTION.lookup) {
    const raw = typeof inputs[CARD_INPUT_TARGET] === 'string' ? (inputs[CARD_INPUT_TARGET] as string) : '';
    const parsed = parseTarget(raw);
    if (!parsed.ok) return { kind: 'invalidTarget', input: raw.trim(), reason: parsed.reason === 'empty' ? 'emptyForm' : parsed.reason };
    return withOrg({ kind: 'lookup', target: parsed.target });
  }
  return { kind: 'help' };
}

/** Who a pick or Refresh button names: a workspace's send its workspaceId; a person's, their personId and email. */
function pickedTarget(inputs: Record<string, unknown>): { ok: true; target: Target } | { ok: false; command: Command } {
  const workspaceId = typeof inputs.workspaceId === 'string' ? inputs.workspaceId : '';
  if (workspaceId !== '') {
    // The ID our own card carries is what Webex listed (the card's origin is checked before this runs):
    // taken as it is when it is an ID's characters, even if it does not decode like a Webex ID.
    if (CARD_WORKSPACE_ID.test(workspaceId)) return { ok: true, target: { kind: 'workspaceId', id: workspaceId } };
    return { ok: false, command: { kind: 'invalidTarget', input: workspaceId, reason: 'malformed' } };
  }
  const personId = typeof inputs.personId === 'string' ? inputs.personId : '';
  const parsed = parseTarget(personId);
  if (parsed.ok && parsed.target.kind === 'personId') return { ok: true, target: parsed.target };
  const email = typeof inputs.email === 'string' ? parseTarget(inputs.email) : undefined;
  if (email?.ok) return { ok: true, target: email.target };
  return { ok: false, command: { kind: 'invalidTarget', input: personId, reason: personId ? 'malformed' : 'empty' } };
}

/** A Refresh button's command reads everything from Webex again. */
function freshly(command: Command): Command {
  return command.kind === 'lookup' || command.kind === 'lookupMany' ? { ...command, fresh: true } : command;
}

/** "Refresh all" on a several-people card: one target per line (person IDs, emails or names). */
function refreshManyCommand(value: unknown): Command {
  const lines = (typeof value === 'string' ? value : '').split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return { kind: 'invalidTarget', input: '', reason: 'empty' };
  if (lines.length > MAX_TARGETS) return { kind: 'invalidTarget', input: '', reason: 'tooMany' };
  const targets: Target[] = [];
  for (const line of lines) {
    const parsed = refreshLine(line.trim());
    if (!parsed.ok) return { kind: 'invalidTarget', input: line.trim(), reason: parsed.reason };
    if (!targets.some((known) => sameTarget(known, parsed.target))) targets.push(parsed.target);
  }
  return lookupOf(targets);
}

/** One "Refresh all" line: a marked workspace ID (as Webex listed it), else what parseTarget reads. */
function refreshLine(line: string): ReturnType<typeof parseTarget> {
  if (!line.startsWith(WORKSPACE_ID_LINE)) return parseTarget(line);
  const id = line.slice(WORKSPACE_ID_LINE.length);
  return CARD_WORKSPACE_ID.test(id) ? { ok: true, target: { kind: 'workspaceId', id } } : { ok: false, reason: 'malformed' };
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
