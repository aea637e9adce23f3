// Issue "the core": a help-desk agent asks for transfer numbers and gets an Adaptive Card, through the real
// framework and SDK, signed webhooks and the admin client, all against the emulator.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../sandbox/emulator';
import { checkedMessage, startBotUnderTest, viewCard, type BotUnderTest } from './harness';

describe('integration: transfer numbers for a person', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest();
  });
  after(async () => {
    await t?.stop();
  });
  afterEach(() => t.emulator.faults.clear());

  it('answers in a 1:1 with a card of the three numbers, and the same facts in the fallback', async () => {
    const reply = await t.ask('transfer numbers for alice@example.com');
    const card = viewCard(reply);
    assert.deepEqual(card.texts.slice(0, 3), ['Transfer numbers', 'Alice Anderson', 'alice@example.com']);
    assert.deepEqual(card.facts, {
      'Numbers in effect': 'Their own (custom numbers on)',
      'Transfer number 1': '+1205553650',
      'Transfer number 2': '+1205553651',
      'Transfer number 3': '+1205553652',
    });
    const fallback = checkedMessage(reply).markdown;
    for (const fact of ['Alice Anderson', 'alice@example.com', 'Numbers in effect: Their own (custom numbers on)', '+1205553650', '+1205553651', '+1205553652']) {
      assert.ok(fallback.includes(fact), `fallback has ${fact}: ${fallback}`);
    }
  });

  it('answers in a group space when mentioned, in that space', async () => {
    const reply = await t.ask('transfer numbers for alice@example.com', { roomId: t.emulator.rooms.helpDesk, mentionBot: true });
    assert.equal(reply.roomId, t.emulator.rooms.helpDesk);
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
  });

  it('shows "Not set" for unset numbers, whether Webex sent null, nothing or ""', async () => {
    for (const [email, unset] of [
      [SEED_EMAILS.bob, ['Transfer number 2', 'Transfer number 3']],
      [SEED_EMAILS.carol, ['Transfer number 2', 'Transfer number 3']],
      [SEED_EMAILS.dave, ['Transfer number 1', 'Transfer number 3']],
    ] as const) {
      const facts = viewCard(await t.ask(`transfer numbers for ${email}`)).facts;
      for (const title of unset) assert.equal(facts[title], 'Not set', `${email} ${title}`);
    }
  });

  it("shows the location's numbers when custom transfer numbers are off, naming the location", async () => {
    const facts = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.erin}`)).facts;
    assert.equal(facts['Numbers in effect'], 'From location Birmingham HQ (custom numbers off)');
    assert.equal(facts['Transfer number 1'], '+1 205 555 0100 (+12055550100)');
  });

  it('finds a person by Webex person ID and by display name', async () => {
    const byId = viewCard(await t.ask(`transfer numbers for ${t.emulator.people.id(SEED_EMAILS.alice)}`));
    assert.equal(byId.texts[1], 'Alice Anderson');
    const byName = viewCard(await t.ask('transfer numbers for alice anderson'));
    assert.equal(byName.texts[1], 'Alice Anderson');
  });

  it('lists candidates for an ambiguous name, and a candidate button answers with their card', async () => {
    const reply = await t.ask('transfer numbers for Chris');
    const card = viewCard(reply);
    assert.ok(card.texts.some((x) => x.includes('2 people match')), card.texts.join(' | '));
    const picks = card.buttons.filter((b) => b.data.action === 'pick');
    assert.deepEqual(
      picks.map((b) => b.title),
      ['Chris Carter', 'Chris Cooper'],
    );
    const answer = await t.submit(reply, picks[1].data);
    assert.equal(viewCard(answer).texts[1], 'Chris Cooper');
  });

  it('answers the card form like a typed command', async () => {
    const first = await t.ask('transfer numbers for alice@example.com');
    const second = await t.submit(first, { action: 'lookup', target: SEED_EMAILS.bob });
    const card = viewCard(second);
    assert.equal(card.texts[1], 'Bob Baker');
    assert.equal(card.facts['Transfer number 2'], 'Not set');
  });

  it('says no one was found for an unknown email or name', async () => {
    const byEmail = viewCard(await t.ask('transfer numbers for nobody@example.com'));
    assert.ok(byEmail.texts.includes('No one found'), byEmail.texts.join(' | '));
    const byName = viewCard(await t.ask('transfer numbers for Zebulon Quux'));
    assert.ok(byName.texts.includes('No one found'), byName.texts.join(' | '));
  });

  it('says when a person has no Webex Calling, with the tracking ID', async () => {
    const reply = await t.ask(`transfer numbers for ${SEED_EMAILS.grace}`);
    const text = viewCard(reply).texts.join('\n');
    assert.match(text, /Grace Green has no Webex Calling/);
    assert.match(text, /Tracking ID: EMU_/);
  });

  it('explains what was wrong with a target that is not an email, ID or name', async () => {
    const card = viewCard(await t.ask('transfer numbers for alice@'));
    assert.deepEqual(card.texts.slice(0, 2), ['I cannot look that up', '“alice@” is not an email address, a person ID or a name I can search for.']);
    assert.ok(card.texts.includes('transfer numbers for alice@example.com'), 'an example of what works');
    assert.ok(card.inputs.includes('target'));
  });

  it('answers help, an empty mention and anything unknown with the help card', async () => {
    for (const [text, o] of [
      ['help', {}],
      ['', { roomId: t.emulator.rooms.helpDesk, mentionBot: true }],
      ['what is the weather', {}],
    ] as const) {
      const card = viewCard(await t.ask(text, o));
      const all = card.texts.join('\n');
      assert.match(all, /transfer numbers for alice@example\.com/, `help for ${JSON.stringify(text)}`);
      assert.match(all, /transfer numbers for Alice Anderson/);
    }
  });

  it('names the Webex problem and its tracking ID when Webex refuses (403)', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 403, times: 1 });
    const reply = await t.ask('transfer numbers for alice@example.com');
    const text = viewCard(reply).texts.join('\n');
    assert.match(text, /spark-admin:telephony_config_read/);
    assert.match(text, /Tracking ID: EMU_/);
    assert.match(checkedMessage(reply).markdown, /Tracking ID/);
  });

  it('never shows raw values or library text in any reply it sent', () => {
    for (const m of t.emulator.botMessages()) {
      const all = JSON.stringify(m.attachments ?? []) + (m.markdown ?? '') + (m.text ?? '');
      for (const junk of ['undefined', '[object Object]', 'Request failed with status code', 'at Object.', 'Error:']) {
        assert.ok(!all.includes(junk), `${junk} in ${all.slice(0, 300)}`);
      }
      assert.ok(!/\bnull\b/.test(all), `null in ${all.slice(0, 300)}`);
    }
  });
});
