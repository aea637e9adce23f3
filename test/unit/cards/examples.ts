// Shared test data and card readers for the cards tests.
import { strict as assert } from 'node:assert';
import type { PersonSummary } from '../../../src/lookup/types';
import type { AdaptiveCardJson, OutgoingMessage } from '../../../src/cards/types';
import { WebexApiError, type WebexApiErrorInit } from '../../../src/webex/errors';

export const NOW = new Date('2024-05-01T15:00:00Z');
export const READ_AT = new Date('2024-05-01T14:03:27Z');
export const ALICE_ID = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hbGljZQ';
export const ZWJ = '\u200D';

export function person(overrides: Partial<PersonSummary> = {}): PersonSummary {
  return { id: ALICE_ID, displayName: 'Alice Anderson', email: 'alice@example.com', orgId: 'org-1', ...overrides };
}

export function apiError(init: Partial<WebexApiErrorInit> = {}): WebexApiError {
  return new WebexApiError({ status: 500, message: 'Internal Server Error', ...init });
}

/** Display names an attacker could give themselves (or type into the bot). */
export const HOSTILE_TEXTS = [
  '[click](http://evil)',
  '<@all>',
  '<@personEmail:boss@example.com>',
  '**bold**',
  '<script>alert(1)</script>',
  'http://evil.example',
  'visit www.evil.com now',
  '![img](http://evil/x.png)',
  '{{DATE(2017-02-14T06:08:00Z, SHORT)}}',
  '# Heading',
  '- item',
  '1. item',
  '`code` and ~~strike~~ and _em_',
  '> quote',
  'back\\slash \\[not a link\\](x)',
  'line one\nline two\r\n\tthree',
  '\u202Eevil\u202C',
  'a'.repeat(5000),
];

/** Patterns that would make shown text active (link, mention, HTML, date function, autolink). */
const ACTIVE_MARKUP: readonly RegExp[] = [
  /https?:\/\//,
  /(?<!\\)\]\(/,
  /<@/,
  /(?<!\\)<[A-Za-z/!?]/,
  /\{\{/,
  /www\.evil/,
  /evil\.(?:example|com)/,
];

/** The active-markup patterns found in `text`, ignoring our own code spans (shown literally). */
export function activeMarkup(text: string): string[] {
  const withoutCode = text.replace(/(?<!\\)`[^`\n]*(?<!\\)`/g, '');
  return ACTIVE_MARKUP.filter((pattern) => pattern.test(withoutCode)).map(String);
}

/** What a CommonMark renderer shows for escaped text: backslash escapes resolved, invisible breaks gone. */
export function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').split(ZWJ).join('');
}

export function cardOf(message: OutgoingMessage): AdaptiveCardJson {
  assert.ok(message.attachments, 'expected a card attachment');
  return message.attachments[0].content;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (isRecord(value)) {
    visit(value);
    Object.values(value).forEach((child) => walk(child, visit));
  }
}

/** Texts of all TextBlocks, in card order. */
export function textBlocks(card: AdaptiveCardJson): string[] {
  const texts: string[] = [];
  walk(card.body, (node) => {
    if (node.type === 'TextBlock') texts.push(String(node.text));
  });
  return texts;
}

/** [title, value] of every fact, in card order. */
export function facts(card: AdaptiveCardJson): [string, string][] {
  const result: [string, string][] = [];
  walk(card.body, (node) => {
    if (node.type === 'FactSet') {
      for (const fact of node.facts as Json[]) result.push([String(fact.title), String(fact.value)]);
    }
  });
  return result;
}

export interface ActionView {
  title: string;
  data: unknown;
  associatedInputs?: unknown;
}

/** Card-level actions, then those in ActionSets (the form's "Look up"). */
export function actions(card: AdaptiveCardJson): ActionView[] {
  const view = (action: Json): ActionView => {
    const result: ActionView = { title: String(action.title), data: action.data };
    if ('associatedInputs' in action) result.associatedInputs = action.associatedInputs;
    return result;
  };
  const result = ((card.actions ?? []) as Json[]).map(view);
  walk(card.body, (node) => {
    if (node.type === 'ActionSet') result.push(...(node.actions as Json[]).map(view));
  });
  return result;
}

/** All Input elements of the card. */
export function inputs(card: AdaptiveCardJson): Json[] {
  const result: Json[] = [];
  walk(card.body, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) result.push(node);
  });
  return result;
}

/** The look-up form every card ends with, checked in full. */
export function assertLookupForm(card: AdaptiveCardJson, label: string): void {
  assert.deepEqual(inputs(card), [
    {
      type: 'Input.Text',
      id: 'target',
      label,
      placeholder: 'Email, person ID or display name',
      maxLength: 200,
    },
  ]);
  const lookUp = actions(card).filter((action) => action.title === 'Look up');
  assert.deepEqual(lookUp, [{ title: 'Look up', data: { action: 'lookup' } }]);
}
