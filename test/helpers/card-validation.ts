// Checks that a card or message is something Webex will accept and render: the official Adaptive
// Card 1.3 schema (ajv), the adaptivecards parser, and the Webex limits the schema does not know.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import type { OutgoingMessage } from '../../src/cards/types';

type AdaptiveCardsModule = typeof import('adaptivecards');

export const ADAPTIVE_CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Webex limit for the text/markdown of a message. */
export const MAX_FALLBACK_BYTES = 7439;
export const MAX_ACTIONS = 5;

const SCHEMA_FILE = join('test', 'fixtures', 'adaptive-cards', 'adaptive-card-1.3.json');
const UNSUPPORTED_TYPES = new Set(['Action.ToggleVisibility', 'Action.Execute', 'Media']);
// associatedInputs is not among the input properties Webex's "Buttons and Cards" page lists
// (isRequired, label, errorMessage, regex): a client that ignores it submits every input with every button.
const UNSUPPORTED_KEYS = new Set(['fallback', 'fallbackText', 'requires', 'speak', 'associatedInputs']);
/** Words that mean a value leaked into the text unformatted. */
const JUNK_PATTERNS: readonly RegExp[] = [
  /\bundefined\b/,
  /\bnull\b/,
  /\bNaN\b/,
  /\[object \w+\]/,
  /\$\{/,
  /^\s+at .+:\d+:\d+\)?$/m,
  /\bstatus code \d{3}\b/i,
  /\bAxiosError\b/,
  /\bE(?:CONNREFUSED|CONNRESET|NOTFOUND|TIMEDOUT|AI_AGAIN)\b/,
];

let schemaValidator: ValidateFunction | undefined;
let adaptiveCards: AdaptiveCardsModule | undefined;

/** The repo root, found from here whether running from src or from the compiled dist/. */
function findRepoFile(relativePath: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${relativePath} above ${__dirname}`);
    dir = parent;
  }
}

function getSchemaValidator(): ValidateFunction {
  if (!schemaValidator) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06MetaSchema);
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(findRepoFile(SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
    // The published schema uses draft-04 style `id`; ajv 8 only knows `$id`.
    schema.$id = schema.id;
    delete schema.id;
    schemaValidator = ajv.compile(schema);
  }
  return schemaValidator;
}

function getAdaptiveCards(): AdaptiveCardsModule {
  if (!adaptiveCards) {
    // The package's default (ESM) entry does not load in plain Node; its UMD bundle does.
    const load = createRequire(__filename);
    adaptiveCards = load('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;
  }
  return adaptiveCards;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` on every object in the card, depth first. */
function walk(value: unknown, visit: (node: Record<string, unknown>, key: string | undefined) => void, key?: string): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, key);
  } else if (isRecord(value)) {
    visit(value, key);
    for (const [childKey, child] of Object.entries(value)) walk(child, visit, childKey);
  }
}

/** Undefined, functions or NaN would be dropped or changed on the way to Webex. */
function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${path} is not a finite number`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`));
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) assertPlainJson(child, `${path}.${key}`);
  } else {
    assert.fail(`${path} is ${typeof value}, not JSON`);
  }
}

function checkSchema(card: unknown): void {
  const validate = getSchemaValidator();
  if (!validate(card)) {
    // One bad element produces dozens of anyOf errors; the first few are enough to find it.
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    assert.fail(`card does not match the Adaptive Card 1.3 schema:\n  ${errors.join('\n  ')}`);
  }
}

function checkWithAdaptiveCardsParser(card: unknown): void {
  const AC = getAdaptiveCards();
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_3);
  parsed.parse(card, context);
  const messages: string[] = [];
  for (let i = 0; i < context.eventCount; i++) messages.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) messages.push(event.message);
  assert.deepEqual(messages, [], `adaptivecards reports problems: ${messages.join('; ')}`);
}

function checkWebexLimits(card: Record<string, unknown>): void {
  const inputIds = new Set<string>();
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') inputIds.add(node.id);
  });
  let actionCount = 0;
  walk(card, (node, key) => {
    const type = node.type;
    assert.ok(typeof type !== 'string' || !UNSUPPORTED_TYPES.has(type), `Webex does not support ${String(type)}`);
    for (const forbidden of UNSUPPORTED_KEYS) {
      assert.ok(!(forbidden in node), `Webex does not support "${forbidden}" (found on ${String(type)})`);
    }
    if (typeof type === 'string' && type.startsWith('Action.') && (key === 'actions' || key === 'selectAction')) {
      actionCount++;
      if (type === 'Action.Submit' && isRecord(node.data)) {
        // Webex merges `data` into the inputs: a shared key would silently overwrite what was typed.
        for (const dataKey of Object.keys(node.data)) {
          assert.ok(!inputIds.has(dataKey), `Action.Submit data key "${dataKey}" is also an input id`);
        }
      }
    }
  });
  assert.ok(actionCount <= MAX_ACTIONS, `card has ${actionCount} actions; Webex allows at most ${MAX_ACTIONS}`);
  checkRequiredInputs(card);
}

/**
 * A required input blocks every submit button of its card while it is empty. Without
 * associatedInputs (which Webex does not support) a card may have a required input only when its one
 * submit button is the one that needs it. An Action.ShowCard's card is a scope of its own.
 */
function checkRequiredInputs(card: Record<string, unknown>): void {
  let submits = 0;
  const required: string[] = [];
  const nestedCards: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isRecord(value)) return;
    if (value.type === 'Action.ShowCard' && isRecord(value.card)) {
      nestedCards.push(value.card);
      return;
    }
    if (value.type === 'Action.Submit') submits++;
    if (typeof value.type === 'string' && value.type.startsWith('Input.') && value.isRequired === true) required.push(String(value.id));
    Object.values(value).forEach(visit);
  };
  visit(card.body);
  visit(card.actions);
  assert.ok(
    required.length === 0 || submits <= 1,
    `required input(s) ${required.join(', ')} would block the card's other ${submits - 1} submit button(s) while empty`,
  );
  nestedCards.forEach(checkRequiredInputs);
}

/**
 * Fails unless `card` is an Adaptive Card 1.3 that Webex accepts: top-level type/version/$schema,
 * the official schema, the adaptivecards parser, at most 5 actions and no element or property
 * Webex does not support.
 */
export function assertValidCard(card: unknown): void {
  assert.ok(isRecord(card), 'card must be a JSON object');
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.3');
  assert.equal(card.$schema, ADAPTIVE_CARD_SCHEMA_URL);
  assert.ok(Array.isArray(card.body) && card.body.length > 0, 'card body must be a non-empty array');
  assertPlainJson(card, 'card');
  checkSchema(card);
  checkWithAdaptiveCardsParser(card);
  checkWebexLimits(card);
}

/** Every string in a value, in document order (card text, titles, labels, data values...). */
export function allStrings(value: unknown): string[] {
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isRecord(v)) Object.values(v).forEach(collect);
  };
  collect(value);
  return strings;
}

/** Card properties whose strings the agent sees (not `data`, ids or enum values). */
const VISIBLE_KEYS = new Set(['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'altText']);

/** The strings a person sees in a message: the markdown and every visible text of the card. */
export function visibleStrings(message: OutgoingMessage): string[] {
  const strings = [message.markdown];
  const collect = (value: unknown, key: string | undefined): void => {
    if (key === 'data') return;
    if (typeof value === 'string') {
      if (key !== undefined && VISIBLE_KEYS.has(key)) strings.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, key);
    } else if (isRecord(value)) {
      for (const [childKey, child] of Object.entries(value)) collect(child, childKey);
    }
  };
  for (const attachment of message.attachments ?? []) collect(attachment.content, undefined);
  return strings;
}

/** Fails if any text in the message looks like a leaked value, a stack trace or HTTP-library text. */
export function assertNoJunkText(message: OutgoingMessage): void {
  for (const text of allStrings(message)) {
    for (const pattern of JUNK_PATTERNS) {
      assert.ok(!pattern.test(text), `message text matches ${String(pattern)}: ${JSON.stringify(text)}`);
    }
  }
}

/**
 * Fails unless `message` is a reply Webex accepts: a non-empty markdown fallback within the size
 * limit, at most one valid card attachment, and no leaked junk in any text.
 */
export function assertValidMessage(message: OutgoingMessage): void {
  assert.equal(typeof message.markdown, 'string');
  assert.ok(message.markdown.trim().length > 0, 'markdown fallback must not be empty');
  const bytes = Buffer.byteLength(message.markdown, 'utf8');
  assert.ok(bytes <= MAX_FALLBACK_BYTES, `markdown fallback is ${bytes} bytes; Webex allows ${MAX_FALLBACK_BYTES}`);
  if (message.attachments !== undefined) {
    assert.equal(message.attachments.length, 1, 'Webex takes one card per message');
    assert.equal(message.attachments[0].contentType, CARD_CONTENT_TYPE);
    assertValidCard(message.attachments[0].content);
  }
  assertNoJunkText(message);
}
