// Issue "help-desk triage", through the real framework against the emulator.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS, SEED_PARTNER_ORG } from '../../sandbox/emulator';
import { startBotUnderTest, viewCard, type BotUnderTest } from './harness';

describe('integration: help-desk triage', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    // A partner admin's bot allowed to search the partner's customer org with "in org".
    t = await startBotUnderTest({ ALLOWED_TARGET_ORG_IDS: SEED_PARTNER_ORG.id });
  });
  after(async () => {
    await t?.stop();
  });

  it('shows what each number is for, and flags a call type pointing at an unset number', async () => {
    const alice = viewCard(await t.ask('transfer numbers for alice@example.com'));
    assert.deepEqual(alice.texts.filter((x) => x.startsWith('Used for')), [
      'Used for: International',
      'Used for: Premium services I, Premium services II',
      'Used for: Chargeable directory assistance',
    ]);
    const frank = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.frank}`));
    assert.ok(frank.texts.includes('⚠ Calls are set to transfer here, but no number is set: National'), frank.texts.join(' | '));
    assert.equal(frank.facts['Transfer number 3'], 'Not set');
  });

  it('formats valid numbers for people and keeps the E.164 value, leaving invalid ones as Webex sent them', async () => {
    const bob = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.bob}`));
    assert.equal(bob.facts['Transfer number 1'], '+1 205 555 3661 (+12055553661)');
    const alice = viewCard(await t.ask('transfer numbers for alice@example.com'));
    assert.equal(alice.facts['Transfer number 1'], '+1205553650');
  });

  it('answers several people in one card, in the order asked, with a failure kept to its person', async () => {
    const card = viewCard(await t.ask(`transfer numbers for alice@example.com, ${SEED_EMAILS.bob} and nobody@example.com`));
    assert.equal(card.texts[0], 'Transfer numbers for 3 people');
    const people = card.texts.filter((x) => x.startsWith('**'));
    assert.deepEqual(people, ['**Alice Anderson** (alice@example.com)', '**Bob Baker** (bob.baker@example.com)', '**nobody@example.com**']);
    assert.ok(card.texts.includes('Transfer number 1: +1205553650 — Used for: International'));
    assert.ok(card.texts.some((x) => x.startsWith('No one found')));
    assert.deepEqual(
      card.buttons.map((b) => b.title),
      ['Look up', 'Refresh all'],
    );
  });

  it('answers "who transfers to" a number written any common way, with the slot', async () => {
    for (const written of ['+1205553651', '1205553651', 'tel:+1205553651']) {
      const card = viewCard(await t.ask(`who transfers to ${written}`));
      assert.match(card.texts[0], /^1 person transfers calls to \+?1205553651$/, written);
      assert.ok(card.texts.includes('**Alice Anderson** (alice@example.com): Transfer number 2'), card.texts.join(' | '));
    }
    const bob = viewCard(await t.ask('who transfers to (205) 555-3661'));
    assert.ok(bob.texts.some((x) => x.startsWith('**Bob Baker**')), bob.texts.join(' | '));
    const nobody = viewCard(await t.ask('who transfers to +1 205 555 0000'));
    assert.match(nobody.texts[0], /No one transfers calls to/);
  });

  it('works across organizations for partner administrators with "in org"', async () => {
    const card = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.olga} in org ${SEED_PARTNER_ORG.id}`));
    assert.equal(card.texts[1], 'Olga Orlova');
    assert.equal(card.facts['Transfer number 1'], '+1 214 555 5731 (+12145555731)');
    const refresh = card.buttons.find((b) => b.title === 'Refresh');
    assert.equal(refresh?.data.orgId, SEED_PARTNER_ORG.id, 'Refresh keeps the org');
  });

  it('re-reads the settings on Refresh and posts a new card', async () => {
    const first = await t.ask('transfer numbers for alice@example.com');
    t.emulator.setTransferNumbers(SEED_EMAILS.alice, {
      useCustomTransferNumbers: true,
      autoTransferNumber1: '+12055559999',
      autoTransferNumber2: '+1205553651',
      autoTransferNumber3: '+1205553652',
    });
    try {
      const refresh = viewCard(first).buttons.find((b) => b.title === 'Refresh');
      assert.ok(refresh);
      const second = viewCard(await t.submit(first, refresh.data));
      assert.equal(second.facts['Transfer number 1'], '+1 205 555 9999 (+12055559999)');
      assert.ok(second.texts.some((x) => /^Read at \d\d:\d\d UTC$/.test(x)));
    } finally {
      t.emulator.setTransferNumbers(SEED_EMAILS.alice, {
        useCustomTransferNumbers: true,
        autoTransferNumber1: '+1205553650',
        autoTransferNumber2: '+1205553651',
        autoTransferNumber3: '+1205553652',
      });
    }
  });

  it('introduces itself once when added to a group space, and stays quiet otherwise', async () => {
    const room = t.emulator.rooms.onboarding;
    await t.emulator.addMember({ roomId: room, email: t.emulator.bot.emails[0] });
    const [welcome] = await t.emulator.waitForBotMessages({ roomId: room, count: 1, timeoutMs: 10_000 });
    const card = viewCard(welcome);
    assert.equal(card.texts[0], "Hello! I'm Transfer Bot, here to help with Webex Calling transfer numbers.");
    assert.match(card.texts.join('\n'), /transfer numbers for alice@example\.com/);
    await t.emulator.addMember({ roomId: room, email: SEED_EMAILS.henry });
    await t.emulator.deliveriesSettled();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(t.emulator.botMessages(room).length, 1, 'one welcome, nothing when someone else joins');
  });

  it('stays quiet when restarted: a space it meets again after a restart gets no second welcome', async () => {
    await t.stop();
    t = await startBotUnderTest();
    const room = t.emulator.rooms.onboarding;
    const before = t.emulator.botMessages(room).length;
    const reply = viewCard(await t.ask('help', { roomId: room, mentionBot: true }));
    assert.equal(reply.texts[0], 'What I can do', 'the help card, not the welcome');
    await t.emulator.deliveriesSettled();
    assert.equal(t.emulator.botMessages(room).length - before, 1);
  });
});
