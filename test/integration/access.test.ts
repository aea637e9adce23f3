// Issue "who may ask, and who may see", through the real framework against the emulator.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED_EMAILS, SEED_ORG, SEED_PARTNER_ORG } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { checkedMessage, HOSTILE_NAME, MALLORY, startBotUnderTest, viewCard, type BotUnderTest } from './harness';

const ASK = 'transfer numbers for alice@example.com';

function auditLines(t: BotUnderTest): Array<Record<string, unknown>> {
  return t.logs
    .lines()
    .filter((l) => l.msg === 'audit')
    .map((l) => l.audit as Record<string, unknown>);
}

function markdownOf(m: WebexMessage): string {
  return m.markdown ?? m.text ?? '';
}

describe('integration: who may ask, and who may see', function () {
  this.timeout(30_000);
  let t: BotUnderTest;
  const auditFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tnbot-audit-')), 'audit.log');

  before(async () => {
    t = await startBotUnderTest({ AUDIT_LOG_FILE: auditFile });
  });
  after(async () => {
    await t?.stop();
  });
  beforeEach(() => t.emulator.clearRequests());

  function adminCalls(): string[] {
    return t.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route);
  }

  it('refuses someone from another organization with one polite line and makes no look-up', async () => {
    const reply = await t.ask(ASK, { from: SEED_EMAILS.olga, roomId: t.emulator.rooms.partner, mentionBot: true });
    assert.equal(reply.attachments, undefined);
    assert.match(markdownOf(reply), /Sorry, I only answer people in the organization I serve\./);
    assert.ok(!markdownOf(reply).includes('+1205553650'));
    assert.deepEqual(adminCalls(), []);
  });

  it('sends the numbers to the requester privately when the space has outsiders, and says so there', async () => {
    const direct = t.emulator.rooms.direct;
    const before = t.emulator.botMessages(direct).length;
    const notice = await t.ask(ASK, { roomId: t.emulator.rooms.partner, mentionBot: true });
    assert.match(markdownOf(notice), /Dana Desk, I sent the answer to you in a private message/);
    assert.equal(notice.attachments, undefined);
    const [privately] = await t.emulator.waitForBotMessages({ roomId: direct, count: 1, after: before });
    assert.equal(viewCard(privately).facts['Transfer number 1'], '+1205553650');
    for (const m of t.emulator.botMessages(t.emulator.rooms.partner)) {
      assert.ok(!JSON.stringify(m).includes('+1205553650'), 'no numbers in the mixed space');
    }
  });

  it('answers in the space when everyone there is from the organization', async () => {
    const reply = await t.ask(ASK, { roomId: t.emulator.rooms.helpDesk, mentionBot: true });
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
  });

  it('re-checks card submits: an outsider pressing a card button is refused (silently: already told here) and nothing is looked up', async () => {
    const room = t.emulator.rooms.partner;
    const help = await t.ask('help', { roomId: room, mentionBot: true });
    assert.ok(viewCard(help).inputs.includes('target'), 'the help card has the look-up form');
    t.emulator.clearRequests();
    const posted = t.emulator.botMessages(room).length;
    const audited = () => auditLines(t).filter((a) => a.outcome === 'refused.notAllowed' && a.source === 'card').length;
    const before = audited();
    await t.emulator.submit({ from: SEED_EMAILS.olga, messageId: help.id, inputs: { action: 'lookup', target: SEED_EMAILS.alice } });
    for (let i = 0; i < 400 && audited() === before; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(audited(), before + 1, 'the refusal is audited');
    await t.emulator.deliveriesSettled();
    assert.equal(t.emulator.botMessages(room).length, posted, 'Olga was told a moment ago in this space: no second "Sorry"');
    assert.deepEqual(adminCalls(), []);
  });

  it('says "Sorry" to an outsider once per space, however often they ask, and audits every time', async () => {
    // A space where no earlier test has told Olga anything (she joins it for this test only).
    const room = t.emulator.rooms.helpDesk;
    await t.emulator.addMember({ roomId: room, email: SEED_EMAILS.olga });
    try {
      const posted = t.emulator.botMessages(room).length;
      const audited = () => auditLines(t).filter((a) => a.outcome === 'refused.notAllowed').length;
      const before = audited();
      for (let i = 0; i < 5; i++) await t.emulator.say({ from: SEED_EMAILS.olga, roomId: room, text: ASK, mentionBot: true });
      for (let i = 0; i < 400 && audited() < before + 5; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(audited(), before + 5);
      await t.emulator.deliveriesSettled();
      const sorry = t.emulator.botMessages(room).slice(posted);
      assert.deepEqual(
        sorry.map((m) => markdownOf(m)),
        ['Sorry, I only answer people in the organization I serve.'],
        'the first refusal is said, the four after it are silent',
      );
    } finally {
      await t.emulator.removeMember({ roomId: room, email: SEED_EMAILS.olga });
    }
  });

  it('answers an insider pressing a card button in a mixed space privately, like a typed command', async () => {
    const help = await t.ask('help', { roomId: t.emulator.rooms.partner, mentionBot: true });
    const before = t.emulator.botMessages(t.emulator.rooms.direct).length;
    const notice = await t.submit(help, { action: 'lookup', target: SEED_EMAILS.alice });
    assert.match(markdownOf(notice), /private message/);
    const [privately] = await t.emulator.waitForBotMessages({ roomId: t.emulator.rooms.direct, count: 1, after: before });
    assert.equal(viewCard(privately).texts[1], 'Alice Anderson');
  });

  it('escapes names that came from Webex: no links, mentions or formatting smuggled in', async () => {
    const reply = await t.ask(`transfer numbers for ${MALLORY}`);
    const message = checkedMessage(reply);
    const nameBlock = viewCard(reply).texts[1];
    assert.notEqual(nameBlock, HOSTILE_NAME, 'the name is escaped, not passed through');
    assert.ok(!/(^|[^\\])\]\(http/.test(message.markdown), 'no unescaped markdown link: ' + message.markdown);
    assert.ok(!message.markdown.includes('<@all>'), message.markdown);
    assert.ok(!/(^|[^\\])\*\*Mallory/.test(message.markdown), message.markdown);
  });

  it('writes an audit line for every look-up and refusal, to the log and to AUDIT_LOG_FILE', async () => {
    await t.ask(ASK);
    await new Promise((r) => setTimeout(r, 100));
    const lines = fs
      .readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const refusal = lines.find((l) => l.outcome === 'refused.notAllowed');
    assert.ok(refusal, 'the refusal is audited');
    assert.equal((refusal.requester as { email: string }).email, SEED_EMAILS.olga);
    const found = lines.filter((l) => l.outcome === 'found').pop();
    assert.ok(found);
    assert.equal(found.asked, ASK);
    assert.equal(found.resolvedPersonId, t.emulator.people.id(SEED_EMAILS.alice));
    assert.deepEqual(found.requester, { id: t.emulator.people.id(SEED_EMAILS.agent), email: SEED_EMAILS.agent });
    assert.deepEqual(found.space, { id: t.emulator.rooms.direct, type: 'direct' });
    assert.equal(typeof found.time, 'string');
    const inLog = t.logs.lines().filter((l) => l.msg === 'audit');
    assert.ok(inLog.length >= lines.length);
    assert.equal((fs.statSync(auditFile).mode & 0o777).toString(8), '600');
  });
});

describe('integration: per-requester rate limit and allow lists', function () {
  this.timeout(30_000);
  let t: BotUnderTest;
  after(async () => {
    await t?.stop();
  });

  it('asks a requester to slow down past the limit, and still answers help', async () => {
    t = await startBotUnderTest({ RATE_LIMIT_PER_MINUTE: '2' });
    await t.ask(ASK);
    await t.ask(ASK);
    t.emulator.clearRequests();
    const third = await t.ask(ASK);
    assert.match(markdownOf(third), /You've asked for a lot of look-ups in a short time; try again in \d+ seconds?\./);
    assert.deepEqual(
      t.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route),
      [],
    );
    assert.ok(viewCard(await t.ask('help')).texts.length > 0);
    await t.stop();
  });

  it('lets a listed partner person in with ALLOWED_EMAILS (and the home domain with ALLOWED_DOMAINS)', async () => {
    t = await startBotUnderTest({ ALLOWED_EMAILS: SEED_EMAILS.olga, ALLOWED_DOMAINS: 'example.com' });
    const reply = await t.ask(ASK, { from: SEED_EMAILS.olga, roomId: t.emulator.rooms.partner, mentionBot: true });
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650', 'every member of the space is now allowed');
    await t.stop();
  });
});

describe('integration: which organizations "in org" may search', function () {
  this.timeout(30_000);
  let t: BotUnderTest | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });
  const askOlga = `transfer numbers for ${SEED_EMAILS.olga} in org ${SEED_PARTNER_ORG.id}`;

  it('with DEFAULT_ORG_ID alone, refuses another org by name, typed or from a card button, and reads nothing', async () => {
    t = await startBotUnderTest({ DEFAULT_ORG_ID: SEED_ORG.id });
    const bot = t;
    bot.emulator.clearRequests();
    const refused = await bot.ask(askOlga);
    assert.equal(refused.attachments, undefined);
    assert.match(markdownOf(refused), new RegExp(`^I can't search organization ${SEED_PARTNER_ORG.id}: `));
    const help = await bot.ask('help');
    const byCard = await bot.submit(help, { action: 'lookup', target: SEED_EMAILS.olga, orgId: SEED_PARTNER_ORG.id });
    assert.match(markdownOf(byCard), /^I can't search organization /);
    assert.deepEqual(
      bot.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route),
      [],
    );
  });

  it('answers "in org" with something that is not an organization ID by saying so, and searches nothing', async () => {
    t = await startBotUnderTest();
    const bot = t;
    bot.emulator.clearRequests();
    const reply = await bot.ask('transfer numbers for alice@example.com in org ../../people/me?');
    assert.equal(
      markdownOf(reply),
      '“../../people/me?” is not an organization ID, so I searched nothing. After “in org”, paste the organization ID from Control Hub or the Webex API ' +
        '(a UUID, or the long ID that starts with Y2lzY29zcGFyazovL), or leave “in org …” out to search the default organization.',
    );
    assert.deepEqual(
      bot.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route),
      [],
    );
  });

  it('answers "in another organization" for a person found by email in an org it may not search, reading nothing', async () => {
    t = await startBotUnderTest();
    const bot = t;
    bot.emulator.clearRequests();
    const card = viewCard(await bot.ask(`transfer numbers for ${SEED_EMAILS.olga}`));
    assert.equal(card.texts[0], 'In another organization');
    assert.ok(!bot.emulator.requests.some((r) => r.route === 'transferNumbers.get'), 'no settings read');
  });

  it("reads a person found by email in an allowed org with that org's orgId, so Webex finds their settings", async () => {
    t = await startBotUnderTest({ ALLOWED_TARGET_ORG_IDS: SEED_PARTNER_ORG.id });
    const card = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.olga}`));
    assert.equal(card.texts[1], 'Olga Orlova');
    assert.equal(card.facts['Transfer number 1'], '+1 214 555 5731 (+12145555731)');
  });

  it('searches an org listed in ALLOWED_TARGET_ORG_IDS, and names the org when no one is found there', async () => {
    t = await startBotUnderTest({ DEFAULT_ORG_ID: SEED_ORG.id, ALLOWED_TARGET_ORG_IDS: SEED_PARTNER_ORG.id });
    assert.equal(viewCard(await t.ask(askOlga)).texts[1], 'Olga Orlova');
    const nobody = viewCard(await t.ask(`transfer numbers for nobody@partner.example.net in org ${SEED_PARTNER_ORG.id}`));
    assert.ok(nobody.texts.includes(`I looked for the email address “nobody@partner.example.net” in organization ${SEED_PARTNER_ORG.id} and found no one.`), nobody.texts.join(' | '));
  });
});
