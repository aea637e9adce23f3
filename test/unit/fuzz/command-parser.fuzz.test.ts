// Property-based fuzzing of the command parser: whatever an agent (or an attacker) types or a client
// submits, the parser answers with a well-formed Command, and what the bot then shows is a valid message.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isOrganizationId, MAX_TARGETS, parseCardSubmit, parseCommand } from '../../../src/commands';
import { cleanTargetText, isPersonId, MAX_TARGET_LENGTH } from '../../../src/commands/target';
import type { Command, ParseContext, PhoneNumber, Target } from '../../../src/commands/types';
import { renderReply } from '../../../src/cards';
import { cleanText } from '../../../src/cards/escape';
import { assertValidMessage } from '../../helpers/card-validation';

const ctx: ParseContext = { botNames: ['Transfer Bot', 'Transfer'] };
/** Runs per property; FUZZ_RUNS raises it for a deeper search (e.g. FUZZ_RUNS=20000 in a nightly job). */
const RUNS = Number(process.env.FUZZ_RUNS) || 300;

// ---- arbitraries -------------------------------------------------------------------------------

const personIdArb = fc
  .tuple(fc.uuid(), fc.constantFrom('us', 'eu'), fc.constantFrom('standard', 'urlsafe', 'padded'))
  .map(([uuid, region, form]) => {
    const b64 = Buffer.from(`ciscospark://${region}/PEOPLE/${uuid}`).toString('base64');
    if (form === 'padded') return b64;
    const bare = b64.replace(/=+$/, '');
    return form === 'urlsafe' ? bare.replace(/\+/g, '-').replace(/\//g, '_') : bare;
  });

/** Addresses of the everyday shape: what the bot must read back exactly (in lower case). */
const plainEmailArb = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,18}[A-Za-z0-9])?$/),
    fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/),
    fc.constantFrom('com', 'org', 'example', 'co.uk', 'io'),
  )
  .map(([local, host, tld]) => `${local}@${host}.${tld}`);

const nameArb = fc.constantFrom('Alice Anderson', 'José Núñez', "O'Brien", 'Zoë', '李小龙', 'Анна Петрова', 'al', 'Jean-Luc (JL)');

const hostileCharArb = fc.constantFrom(
  '\u0000', '\u0007', '\u001B', '\n', '\r', '\t', '\u200B', '\u200D', '\uFEFF', '\u202E', '\u2066', '\u2028',
  '<', '>', '@', '[', ']', '(', ')', '"', "'", '`', '“', '”', '*', '_', '#', '{{', '}}', ':', ';', ',', '.', '…', '\\', '/',
  'mailto:', 'for ', 'in org ', '😀', '\uD800', 'é', 'e\u0301', ' ',
);

const hostileStringArb = fc.string({ unit: hostileCharArb, maxLength: 40 });
const anyStringArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  hostileStringArb,
);
/** 2 000 to 10 000 characters: long pastes must be refused politely, not slowly or with a crash. */
const hugeStringArb = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), fc.integer({ min: 2_000, max: 10_000 }))
  .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length));

const wrapArb = fc.constantFrom<Array<(s: string) => string>>(
  (s) => s,
  (s) => `<${s}>`,
  (s) => `mailto:${s}`,
  (s) => `<mailto:${s}>`,
  (s) => `[${s}](mailto:${s})`,
  (s) => `"${s}"`,
  (s) => `'${s}'`,
  (s) => `“${s}”`,
  (s) => `(${s})`,
  (s) => `\`${s}\``,
  (s) => `${s}.`,
  (s) => `${s}?!`,
  (s) => `${s},`,
  (s) => `${s}…`,
  (s) => `<${s}>.`,
  (s) => `"<mailto:${s}>"?`,
);

const prefixArb = fc.constantFrom(
  '',
  'transfer numbers for ',
  'Transfer Numbers For ',
  'transfer numbers ',
  'show me the auto-transfer #s of ',
  'pls get transfer nos. from: ',
  'transfer number for\n',
  '@Transfer Bot transfer numbers for ',
  'Transfer Bot, transfer numbers for ',
  'Transfer transfer numbers for ',
  'help ',
  '? ',
);
const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01').toString('base64').replace(/=+$/, '');
const suffixArb = fc.constantFrom('', '.', '?!', ` in org ${ORG_ID}`, ' in org ', ' at organization: <O1>.', ' in org ../../people/me?', '\u200B', '\n\n');

const oneTargetArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(wrapArb, fc.oneof(plainEmailArb, fc.emailAddress())).map(([wrap, e]) => wrap(e)) },
  { weight: 2, arbitrary: personIdArb },
  { weight: 2, arbitrary: nameArb },
);
/** "a@example.com, Bob Brown and <c@example.com>": up to a few more people than one command may ask for. */
const targetListArb = fc
  .tuple(fc.array(oneTargetArb, { minLength: 2, maxLength: MAX_TARGETS + 3 }), fc.constantFrom(', ', '; ', ' and ', ' & ', ' ', ','))
  .map(([targets, separator]) => targets.join(separator));
const targetTextArb = fc.oneof(
  { weight: 5, arbitrary: oneTargetArb },
  { weight: 2, arbitrary: targetListArb },
  { weight: 3, arbitrary: anyStringArb },
);

const reversePrefixArb = fc.constantFrom('who transfers to ', 'Who is transferring calls to: ', 'which people transfer to ', '@Transfer Bot who transfers to ');
const numberTextArb = fc.oneof(
  fc.stringMatching(/^\+?[0-9 ().-]{1,24}$/),
  fc.constantFrom('+1 205 555 3651', '(205) 555-3651', 'tel:+12055553651', '[3651](tel:3651)', '12', '+44 20 7946 0958', '1'.repeat(20)),
  anyStringArb,
);

/** Chat text: mostly command-shaped (so every branch of the parser is reached), sometimes anything at all. */
const chatTextArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(prefixArb, targetTextArb, suffixArb).map(([p, t, s]) => p + t + s) },
  { weight: 2, arbitrary: fc.tuple(reversePrefixArb, numberTextArb, suffixArb).map(([p, n, s]) => p + n + s) },
  { weight: 2, arbitrary: anyStringArb },
  { weight: 1, arbitrary: hugeStringArb },
  { weight: 1, arbitrary: hugeStringArb.map((s) => `transfer numbers for ${s}`) },
);

const cardValueArb = fc.oneof(fc.anything(), targetTextArb, anyStringArb, personIdArb);
const cardInputsArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record(
    {
      action: fc.oneof(fc.constantFrom('lookup', 'pick', 'refresh', 'refreshMany', 'LOOKUP', '', 'delete'), fc.anything()),
      target: cardValueArb,
      targets: fc.oneof(cardValueArb, fc.array(oneTargetArb, { maxLength: MAX_TARGETS + 2 }).map((t) => t.join('\n'))),
      personId: cardValueArb,
      email: cardValueArb,
      orgId: cardValueArb,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'action', 'toString')), fc.anything()),
  fc.object({ withNullPrototype: true, withObjectString: true }),
);

// ---- what a well-formed Command looks like ------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not get through
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function assertWellFormedTarget(target: Target): void {
  switch (target.kind) {
    case 'email':
      assert.deepEqual(Object.keys(target).sort(), ['email', 'kind']);
      assert.match(target.email, /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@.]{2,}$/u);
      assert.equal(target.email, target.email.toLowerCase(), 'emails are lower case');
      assert.ok(target.email.length <= MAX_TARGET_LENGTH);
      return;
    case 'personId':
      assert.deepEqual(Object.keys(target).sort(), ['id', 'kind']);
      assert.ok(isPersonId(target.id), `${target.id} is a Webex person ID`);
      assert.ok(target.id.length <= MAX_TARGET_LENGTH);
      return;
    case 'name':
      assert.deepEqual(Object.keys(target).sort(), ['kind', 'name']);
      assert.ok(target.name.length > 0 && target.name.length <= MAX_TARGET_LENGTH);
      assert.equal(target.name, target.name.trim());
      assert.ok(!target.name.includes('@') && !CONTROL.test(target.name) && !/\s{2}/.test(target.name), JSON.stringify(target.name));
      assert.match(target.name, /^[\p{L}\p{M}]/u);
      return;
    default:
      assert.fail(`unknown target ${JSON.stringify(target)}`);
  }
}

function assertWellFormedPhoneNumber(number: PhoneNumber): void {
  assert.ok(Object.keys(number).every((k) => ['raw', 'e164', 'digits'].includes(k)), JSON.stringify(number));
  assert.ok(number.raw.trim() !== '' && number.raw.length <= 60, JSON.stringify(number.raw));
  assert.match(number.digits, /^[0-9]{3,15}$/);
  if (number.e164 !== undefined) assert.match(number.e164, /^\+[1-9][0-9]{1,14}$/);
}

/** Typed or from a card, an orgId that reaches a command is an organization ID (else: invalidOrg). */
function assertOrgId(command: { orgId?: string }): void {
  if (!('orgId' in command)) return;
  assert.equal(typeof command.orgId, 'string');
  assert.ok(isOrganizationId(command.orgId as string), `orgId ${JSON.stringify(command.orgId)}`);
}

/** How the parser decides two targets are the same person asked for twice. */
function targetKey(target: Target): string {
  if (target.kind === 'email') return `e:${target.email}`;
  if (target.kind === 'personId' || target.kind === 'workspaceId') return `${target.kind}:${target.id}`;
  return `${target.kind}:${target.name.toLowerCase()}`;
}

function assertWellFormed(command: Command): void {
  switch (command.kind) {
    case 'help':
      assert.deepEqual(command, { kind: 'help' });
      return;
    case 'lookup':
      assert.ok(Object.keys(command).every((k) => ['kind', 'target', 'orgId', 'fresh'].includes(k)), JSON.stringify(command));
      assert.ok(command.fresh === undefined || command.fresh === true, JSON.stringify(command));
      assertWellFormedTarget(command.target);
      assertOrgId(command);
      return;
    case 'lookupMany': {
      assert.ok(Object.keys(command).every((k) => ['kind', 'targets', 'orgId', 'fresh'].includes(k)), JSON.stringify(command));
      assert.ok(command.targets.length >= 2 && command.targets.length <= MAX_TARGETS, `${command.targets.length} targets`);
      command.targets.forEach(assertWellFormedTarget);
      assertOrgId(command);
      return;
    }
    case 'reverse':
      assert.ok(Object.keys(command).every((k) => ['kind', 'number', 'orgId'].includes(k)), JSON.stringify(command));
      assertWellFormedPhoneNumber(command.number);
      assertOrgId(command);
      return;
    case 'invalidTarget':
      assert.deepEqual(Object.keys(command).sort(), ['input', 'kind', 'reason']);
      assert.equal(typeof command.input, 'string');
      assert.ok(['empty', 'emptyForm', 'malformed', 'tooLong', 'tooMany'].includes(command.reason), command.reason);
      if (command.reason === 'empty' || command.reason === 'emptyForm') assert.equal(cleanTargetText(command.input), '');
      if (command.reason === 'tooLong') assert.ok(command.input.length > MAX_TARGET_LENGTH);
      return;
    case 'invalidNumber':
      assert.deepEqual(Object.keys(command).sort(), ['input', 'kind', 'reason']);
      assert.equal(typeof command.input, 'string');
      assert.ok(['empty', 'malformed', 'tooShort', 'tooLong'].includes(command.reason), command.reason);
      return;
    case 'invalidOrg':
      assert.deepEqual(Object.keys(command).sort(), ['input', 'kind']);
      assert.ok(!isOrganizationId(command.input), command.input);
      return;
    default:
      assert.fail(`unknown command ${JSON.stringify(command)}`);
  }
}

// What the card checks reject as leaked values. User text that really contains these words would be
// shown as typed, so such inputs are left out of the rendering property (the match is deliberately broad).
const JUNK_LOOKALIKE = /undefined|null|nan|\[object|\$\{|status code|axioserror|econn|enotfound|etimedout|eai_again/i;

function visibleInputIsJunkFree(...texts: string[]): boolean {
  return texts.every((t) => !JUNK_LOOKALIKE.test(cleanText(t, 20_000)));
}

function shownTarget(target: Target): string {
  return target.kind === 'email' ? target.email : target.kind === 'name' || target.kind === 'workspaceName' ? target.name : target.id;
}

// ---- properties ---------------------------------------------------------------------------------

describe('fuzz/command parser', () => {
  it('turns any chat text into a well-formed command, without throwing', () => {
    fc.assert(
      fc.property(chatTextArb, (text) => {
        assertWellFormed(parseCommand(text, ctx));
      }),
      { numRuns: RUNS },
    );
  });

  it('turns any card inputs into a well-formed command, without throwing', () => {
    fc.assert(
      fc.property(cardInputsArb, (inputs) => {
        assertWellFormed(parseCardSubmit(inputs));
      }),
      { numRuns: RUNS },
    );
  });

  it('never asks for the same person twice in one several-people command (typed or from a card)', () => {
    const cardTargetsArb = fc.array(oneTargetArb, { minLength: 1, maxLength: 4 }).chain((targets) =>
      fc.shuffledSubarray([...targets, ...targets], { minLength: 2 }).map((lines) => lines.join('\n')),
    );
    type Request = { text?: string; card?: Record<string, unknown> };
    const requestArb: fc.Arbitrary<Request> = fc.oneof(
      chatTextArb.map((text): Request => ({ text })),
      cardTargetsArb.map((targets): Request => ({ card: { action: 'refreshMany', targets } })),
    );
    fc.assert(
      fc.property(requestArb, (request) => {
        const command = request.card ? parseCardSubmit(request.card) : parseCommand(request.text ?? '', ctx);
        if (command.kind !== 'lookupMany') return;
        const keys = command.targets.map(targetKey);
        assert.equal(new Set(keys).size, keys.length, `duplicates in ${JSON.stringify(keys)}`);
      }),
      // "Refresh all" on a card whose list repeats a name: always checked, whatever the seed.
      { numRuns: RUNS, examples: [[{ card: { action: 'refreshMany', targets: 'Zoë\nZoë\nal' } }]] },
    );
  });

  it('reads an everyday email exactly, in lower case, however it is wrapped', () => {
    fc.assert(
      fc.property(plainEmailArb, wrapArb, suffixArb.filter((s) => !s.includes(' in org ') && !s.includes('organization')), (email, wrap, suffix) => {
        const expected = { kind: 'lookup', target: { kind: 'email', email: email.toLowerCase() } };
        assert.deepEqual(parseCommand(`transfer numbers for ${wrap(email)}${suffix}`, ctx), expected);
        assert.deepEqual(parseCardSubmit({ action: 'lookup', target: wrap(email) }), expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('parses any email the same with or without <>, mailto:, quotes or trailing punctuation', () => {
    fc.assert(
      fc.property(fc.emailAddress(), wrapArb, (email, wrap) => {
        const bare = parseCommand(`transfer numbers for ${email}`, ctx);
        const wrapped = parseCommand(`transfer numbers for ${wrap(email)}`, ctx);
        if (bare.kind === 'lookup') {
          assert.deepEqual(wrapped, bare);
        } else {
          // Not readable either way (e.g. too long): the same refusal, echoing what was typed.
          assert.equal(wrapped.kind, bare.kind);
          if (wrapped.kind === 'invalidTarget' && bare.kind === 'invalidTarget') assert.equal(wrapped.reason, bare.reason);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a person ID back as the same ID, and its look-up text round-trips', () => {
    fc.assert(
      fc.property(personIdArb, wrapArb, (id, wrap) => {
        const expected = { kind: 'lookup', target: { kind: 'personId', id } };
        assert.deepEqual(parseCommand(`transfer numbers for ${id}`, ctx), expected);
        assert.deepEqual(parseCardSubmit({ action: 'pick', personId: id }), expected);
        const wrapped = parseCommand(`transfer numbers for ${wrap(id)}`, ctx);
        assert.deepEqual(wrapped, expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers what the parser made of any text with a valid message and no leaked junk', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(chatTextArb, fc.constantFrom('Transfer Bot', '', 'Bot <@all>', 'Zoë {{DATE(x)}}'), (text, botName) => {
        const command = parseCommand(text, ctx);
        switch (command.kind) {
          case 'invalidTarget':
          case 'invalidNumber':
            fc.pre(visibleInputIsJunkFree(command.input));
            assertValidMessage(renderReply({ ...command, botName }));
            return;
          case 'help':
            assertValidMessage(renderReply({ kind: 'help', botName }));
            return;
          case 'lookup':
          case 'lookupMany': {
            // "Not found" echoes what was asked for: the most user text a look-up reply shows.
            const targets = command.kind === 'lookup' ? [command.target] : command.targets;
            for (const target of targets) {
              fc.pre(visibleInputIsJunkFree(shownTarget(target)));
              assertValidMessage(renderReply({ kind: 'lookup', outcome: { kind: 'notFound', target } }));
            }
            return;
          }
          default:
            return;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reaches every kind of command from its generated texts (so the properties above test something)', () => {
    const kinds = new Set<string>();
    const targets = new Set<string>();
    const reasons = new Set<string>();
    for (const text of fc.sample(chatTextArb, { numRuns: 500, seed: 42 })) {
      const command = parseCommand(text, ctx);
      kinds.add(command.kind);
      if (command.kind === 'lookup') targets.add(command.target.kind);
      if (command.kind === 'invalidTarget') reasons.add(command.reason);
    }
    assert.deepEqual([...kinds].sort(), ['help', 'invalidNumber', 'invalidOrg', 'invalidTarget', 'lookup', 'lookupMany', 'reverse']);
    assert.deepEqual([...targets].sort(), ['email', 'name', 'personId']);
    assert.deepEqual([...reasons].sort(), ['empty', 'malformed', 'tooLong', 'tooMany']);
  });
});
