// Issue "fix it from the chat": changing transfer numbers with confirmation, audit and undo, through
// the real framework against the emulator.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS, SEED_WORKSPACE_NAMES, seedWorkspaceId } from '../../sandbox/emulator';
import type { WebexMessage, WebexTransferNumbers } from '../../src/webex/types';
import { startBotUnderTest, viewCard, type BotUnderTest } from './harness';

const ALICE = SEED_EMAILS.alice;

function markdownOf(m: WebexMessage): string {
  return m.markdown ?? m.text ?? '';
}

describe('integration: changing transfer numbers from the chat', function () {
  this.timeout(30_000);
  let t: BotUnderTest;
  let nowMs = Date.parse('2026-12-01T09:00:00Z');
  let aliceBefore: WebexTransferNumbers;
  let lobbyBefore: WebexTransferNumbers;

  const numbersUrl = () => `${t.emulator.baseUrl}/telephony/config/people/${t.emulator.people.id(ALICE)}/outgoingPermission/autoTransferNumbers`;
  const lobbyUrl = () => `${t.emulator.baseUrl}/workspaces/${seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby)}/features/outgoingPermission/autoTransferNumbers`;
  const read = async (url: string): Promise<WebexTransferNumbers> =>
    (await (await fetch(url, { headers: { authorization: `Bearer ${t.emulator.tokens.admin}` } })).json()) as WebexTransferNumbers;
  const writes = () => t.emulator.requests.filter((r) => r.method === 'PUT' && r.route.endsWith('ransferNumbers.put'));
  const auditLines = () =>
    t.logs
      .lines()
      .slice(auditSeen)
      .filter((l) => l.msg === 'audit')
      .map((l) => l.audit as Record<string, unknown>);
  const button = (m: WebexMessage, title: string) => {
    const found = viewCard(m).buttons.find((b) => b.title === title);
    assert.ok(found, `no ${title} button on ${markdownOf(m)}`);
    return found.data;
  };

  before(async () => {
    t = await startBotUnderTest({ ALLOWED_EDITORS: `${SEED_EMAILS.agent}, ${SEED_EMAILS.colleague.toUpperCase()}` }, { editClock: () => nowMs });
    aliceBefore = await read(numbersUrl());
    lobbyBefore = await read(lobbyUrl());
  });
  after(async () => {
    await t?.stop();
  });
  let auditSeen = 0;
  beforeEach(() => {
    t.emulator.clearRequests();
    auditSeen = t.logs.lines().length;
  });
  afterEach(async () => {
    t.emulator.withholdScopes([]);
    t.emulator.setTransferNumbers(ALICE, aliceBefore);
    // The workspace is put back through the API: the emulator's helper takes people only.
    await fetch(lobbyUrl(), {
      method: 'PUT',
      headers: { authorization: `Bearer ${t.emulator.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...lobbyBefore, autoTransferNumber1: lobbyBefore.autoTransferNumber1 ?? '', autoTransferNumber2: lobbyBefore.autoTransferNumber2 ?? '', autoTransferNumber3: lobbyBefore.autoTransferNumber3 ?? '' }),
    });
    nowMs += 60 * 60_000;
  });

  it('proposes, writes only on Confirm and only what changes, reads back, and undoes through its own confirmation', async () => {
    const proposal = await t.ask(`set transfer number 2 for ${ALICE} to (205) 555-0142`);
    const card = viewCard(proposal);
    assert.equal(card.texts[0], 'Change these transfer numbers?');
    assert.equal(card.texts[1], '**Alice Anderson** (alice@example.com)');
    assert.deepEqual(card.facts, { 'Number 2': '+1205553651 → +1 205 555 0142 (+12055550142)' });
    assert.ok(card.texts.includes('Number 2 is used for: Premium services I, Premium services II.'), card.texts.join(' | '));
    assert.deepEqual(card.buttons.map((b) => b.title), ['Confirm', 'Cancel']);
    assert.equal(writes().length, 0, 'nothing is written before Confirm');

    const done = await t.submit(proposal, button(proposal, 'Confirm'));
    const doneCard = viewCard(done);
    assert.equal(doneCard.texts[0], 'Transfer numbers changed');
    assert.deepEqual(doneCard.facts, { 'Number 2': '+1205553651 → +1 205 555 0142 (+12055550142)' });
    assert.ok(doneCard.texts.includes('Read back from Webex just now.'));
    assert.deepEqual(await read(numbersUrl()), { ...aliceBefore, autoTransferNumber2: '+12055550142' });
    assert.equal(writes().length, 1);

    const undo = await t.submit(done, button(done, 'Undo'));
    const undoCard = viewCard(undo);
    assert.equal(undoCard.texts[0], 'Undo this change of transfer numbers?');
    assert.deepEqual(undoCard.facts, { 'Number 2': '+1 205 555 0142 (+12055550142) → +1205553651' });
    assert.equal(writes().length, 1, 'Undo asks before it writes');
    const undone = await t.submit(undo, button(undo, 'Confirm'));
    assert.equal(viewCard(undone).texts[0], 'Change undone');
    assert.deepEqual(await read(numbersUrl()), aliceBefore);

    const steps = auditLines()
      .filter((l) => l.edit)
      .map((l) => `${(l.edit as { step: string }).step}:${String(l.outcome)}`);
    assert.deepEqual(steps, ['request:edit.proposed', 'write:edit.written', 'confirm:edit.done', 'undo:edit.undoProposed', 'write:edit.written', 'confirm:edit.undone']);
    const write = auditLines().find((l) => l.outcome === 'edit.written') as { edit: { before: { numbers: unknown[] }; after: { numbers: unknown[] }; targetId: string } };
    assert.deepEqual(write.edit.before.numbers, ['+1205553650', '+1205553651', '+1205553652']);
    assert.deepEqual(write.edit.after.numbers, ['+1205553650', '+12055550142', '+1205553652']);
    assert.equal(write.edit.targetId, t.emulator.people.id(ALICE));
  });

  it('Cancel writes nothing, and the card then does nothing more', async () => {
    const proposal = await t.ask(`clear transfer number 3 for ${ALICE}`);
    assert.deepEqual(viewCard(proposal).facts, { 'Number 3': '+1205553652 → Not set' });
    const cancelled = await t.submit(proposal, button(proposal, 'Cancel'));
    assert.equal(viewCard(cancelled).texts[0], 'Cancelled');
    const late = await t.submit(proposal, button(proposal, 'Confirm'));
    assert.equal(viewCard(late).texts[0], 'Already done');
    assert.equal(writes().length, 0);
    assert.deepEqual(await read(numbersUrl()), aliceBefore);
  });

  it('a confirmation expires after 5 minutes', async () => {
    const proposal = await t.ask(`use location transfer numbers for ${ALICE}`);
    assert.deepEqual(viewCard(proposal).facts, { 'Custom numbers': "On (their own numbers apply) → Off (their location's numbers apply)" });
    nowMs += 5 * 60_000 + 1;
    const late = await t.submit(proposal, button(proposal, 'Confirm'));
    assert.equal(viewCard(late).texts[0], 'This confirmation has expired');
    assert.equal(writes().length, 0);
  });

  it("someone else's Confirm does nothing, and the requester's still works", async () => {
    const room = t.emulator.rooms.helpDesk;
    const proposal = await t.ask(`set transfer number 1 for ${ALICE} to +44 20 7946 0958`, { roomId: room, mentionBot: true });
    const other = await t.submit(proposal, button(proposal, 'Confirm'), { from: SEED_EMAILS.colleague });
    assert.equal(viewCard(other).texts[0], 'Not your change to confirm');
    assert.equal(writes().length, 0);
    const done = await t.submit(proposal, button(proposal, 'Confirm'));
    assert.equal(viewCard(done).texts[0], 'Transfer numbers changed');
    assert.equal((await read(numbersUrl())).autoTransferNumber1, '+442079460958');
  });

  it('writes nothing when the settings changed after the card was shown, and shows what they are now', async () => {
    const proposal = await t.ask(`set transfer number 1 for ${ALICE} to 205-555-0100`);
    t.emulator.setTransferNumbers(ALICE, { ...aliceBefore, autoTransferNumber3: '+12055550999' });
    const answer = await t.submit(proposal, button(proposal, 'Confirm'));
    const card = viewCard(answer);
    assert.equal(card.texts[0], 'The settings changed in the meantime');
    assert.ok(card.texts.some((text) => text.includes('Number 3: +1 205 555 0999 (+12055550999)')), card.texts.join(' | '));
    assert.equal(writes().length, 0);
  });

  it('a double submit (two presses at once) writes once', async () => {
    const proposal = await t.ask(`set transfer number 1 for ${ALICE} to +1 (205) 555-0111`);
    const room = proposal.roomId;
    const before = t.emulator.botMessages(room).length;
    const data = button(proposal, 'Confirm');
    await Promise.all([
      t.emulator.submit({ from: SEED_EMAILS.agent, messageId: proposal.id, inputs: data }),
      t.emulator.submit({ from: SEED_EMAILS.agent, messageId: proposal.id, inputs: data }),
    ]);
    const answers = await t.emulator.waitForBotMessages({ roomId: room, count: 2, after: before, timeoutMs: 15_000 });
    assert.deepEqual(answers.map((m) => viewCard(m).texts[0]).sort(), ['Already done', 'Transfer numbers changed']);
    assert.equal(writes().length, 1);
  });

  it('refuses a value that is not a valid phone number before reading anything', async () => {
    const refused = await t.ask(`set transfer number 1 for ${ALICE} to 555-01`);
    assert.equal(
      markdownOf(refused),
      '“555-01” is not a valid phone number, so I changed nothing. Write it with its country code, e.g. `+1 205 555 0100`, or as a national number of the default country.',
    );
    assert.equal((refused.attachments ?? []).length, 0, 'no confirmation card');
    assert.deepEqual(t.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route), []);
  });

  it('names the scope the write needs when Webex answers 403, and says nothing was changed', async () => {
    t.emulator.withholdScopes(['spark-admin:telephony_config_write']);
    const proposal = await t.ask(`set transfer number 1 for ${ALICE} to +1 205 555 0100`);
    const answer = viewCard(await t.submit(proposal, button(proposal, 'Confirm')));
    assert.equal(answer.texts[0], 'Webex refused the change');
    assert.ok(answer.texts.some((text) => text.includes('needs the spark-admin:telephony_config_write scope')), answer.texts.join(' | '));
    assert.deepEqual(await read(numbersUrl()), aliceBefore);
    assert.ok(auditLines().some((l) => l.outcome === 'edit.writeFailed'));
  });

  it('in a space with someone from outside, the confirmation goes to the editor privately', async () => {
    const space = t.emulator.rooms.partner;
    const direct = t.emulator.rooms.direct;
    const before = t.emulator.botMessages(direct).length;
    const inSpaceBefore = t.emulator.botMessages(space).length;
    const notice = await t.ask(`set transfer number 1 for ${ALICE} to +1 205 555 0100`, { roomId: space, mentionBot: true });
    assert.match(markdownOf(notice), /I sent the answer to you in a private message/);
    const [privately] = await t.emulator.waitForBotMessages({ roomId: direct, count: 1, after: before });
    assert.equal(viewCard(privately).texts[0], 'Change these transfer numbers?');
    const inSpace = t.emulator.botMessages(space).slice(inSpaceBefore);
    assert.equal(inSpace.length, 1);
    assert.ok(!markdownOf(inSpace[0]).includes('Alice') && !markdownOf(inSpace[0]).includes('alice'), markdownOf(inSpace[0]));
  });

  it("changes a workspace's numbers through the workspace's own path", async () => {
    const proposal = await t.ask(`set transfer number 3 for workspace ${SEED_WORKSPACE_NAMES.lobby} to +1 205 555 0177`);
    const card = viewCard(proposal);
    assert.equal(card.texts[1], 'Workspace **Lobby Phone**');
    const done = await t.submit(proposal, button(proposal, 'Confirm'));
    assert.equal(viewCard(done).texts[0], 'Transfer numbers changed');
    assert.deepEqual(writes().map((w) => w.route), ['workspaceTransferNumbers.put']);
    assert.equal((await read(lobbyUrl())).autoTransferNumber3, '+12055550177');
  });

  it('lists the people a name matches with buttons that propose the same change for the one picked', async () => {
    const cooper = SEED_EMAILS.chrisCooper;
    const cooperUrl = `${t.emulator.baseUrl}/telephony/config/people/${t.emulator.people.id(cooper)}/outgoingPermission/autoTransferNumbers`;
    const cooperBefore = await read(cooperUrl);
    try {
      const list = await t.ask('set transfer number 1 for Chris to +1 205 555 0199');
      const listCard = viewCard(list);
      assert.equal(listCard.texts[0], '2 people match “Chris”');
      assert.equal(listCard.texts.at(-1), 'Pick the one you mean below to see the change before you confirm it, or type the command again with the email address of the person you mean.');
      assert.deepEqual(listCard.buttons.map((b) => [b.title, b.data.edit]), [
        ['Chris Carter', 'set:1:+12055550199'],
        ['Chris Cooper', 'set:1:+12055550199'],
      ]);

      const proposal = await t.submit(list, button(list, 'Chris Cooper'));
      const card = viewCard(proposal);
      assert.equal(card.texts[0], 'Change these transfer numbers?');
      assert.equal(card.texts[1], '**Chris Cooper** (chris.cooper@example.com)');
      assert.deepEqual(card.facts, { 'Number 1': '+1 205 555 4721 (+12055554721) → +1 205 555 0199 (+12055550199)' });
      assert.equal(writes().length, 0, 'a pick proposes; nothing is written before Confirm');

      const done = await t.submit(proposal, button(proposal, 'Confirm'));
      assert.equal(viewCard(done).texts[0], 'Transfer numbers changed');
      assert.equal((await read(cooperUrl)).autoTransferNumber1, '+12055550199');
      const steps = auditLines()
        .filter((l) => l.edit)
        .map((l) => `${(l.edit as { step: string }).step}:${String(l.outcome)}`);
      assert.deepEqual(steps, ['request:edit.proposed', 'write:edit.written', 'confirm:edit.done']);
    } finally {
      t.emulator.setTransferNumbers(cooper, cooperBefore);
    }
  });
});

describe('integration: changing transfer numbers when Webex is slow', function () {
  this.timeout(30_000);
  let t: BotUnderTest;
  let aliceBefore: WebexTransferNumbers;
  const numbersUrl = () => `${t.emulator.baseUrl}/telephony/config/people/${t.emulator.people.id(ALICE)}/outgoingPermission/autoTransferNumbers`;
  const read = async (): Promise<WebexTransferNumbers> =>
    (await (await fetch(numbersUrl(), { headers: { authorization: `Bearer ${t.emulator.tokens.admin}` } })).json()) as WebexTransferNumbers;
  const confirmOf = (m: WebexMessage) => {
    const found = viewCard(m).buttons.find((b) => b.title === 'Confirm');
    assert.ok(found, markdownOf(m));
    return found.data;
  };

  before(async () => {
    t = await startBotUnderTest({ ALLOWED_EDITORS: SEED_EMAILS.agent, COMMAND_TIMEOUT_MS: '4000' });
    aliceBefore = await read();
  });
  after(async () => {
    await t?.stop();
  });
  afterEach(() => {
    t.emulator.faults.clear();
    t.emulator.setTransferNumbers(ALICE, aliceBefore);
  });

  it('tells a change that was written, with Undo, when reading it back outlasts the command', async () => {
    const proposal = await t.ask(`set transfer number 3 for ${ALICE} to +1 205 555 0133`);
    // The check before the write answers; the read-back after it never does.
    t.emulator.faults.add({ route: 'transferNumbers.get', delayMs: 0, times: 1 });
    t.emulator.faults.add({ route: 'transferNumbers.get', action: 'hang', times: 1 });
    const done = await t.submit(proposal, confirmOf(proposal));
    const card = viewCard(done);
    assert.equal(card.texts[0], 'Transfer numbers changed');
    assert.ok(card.texts.includes('Webex took the change, but I could not read it back: look the settings up again to see what they are.'), card.texts.join(' | '));
    assert.deepEqual(card.buttons.map((b) => b.title), ['Undo']);
    assert.equal((await read()).autoTransferNumber3, '+12055550133');
  });

  it('says a write that outlasts the command may or may not have been made, not that it timed out', async () => {
    const proposal = await t.ask(`set transfer number 3 for ${ALICE} to +1 205 555 0134`);
    t.emulator.faults.add({ route: 'transferNumbers.put', action: 'hang', times: 1 });
    const answer = await t.submit(proposal, confirmOf(proposal));
    const card = viewCard(answer);
    assert.equal(card.texts[0], 'The change may not have been written');
    assert.ok(card.texts.includes('Webex did not answer the change in time.'), card.texts.join(' | '));
    assert.ok(card.texts.includes('Look the settings up again before trying once more: the change may or may not have been made.'), card.texts.join(' | '));
    assert.ok(!card.texts.some((text) => /try again/i.test(text)), card.texts.join(' | '));
  });
});

describe('integration: changing transfer numbers, for someone who is not an editor', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest({ ALLOWED_EDITORS: SEED_EMAILS.colleague });
  });
  after(async () => {
    await t?.stop();
  });

  it('gets one polite line for each edit command, and nothing is read or written', async () => {
    t.emulator.clearRequests();
    for (const command of [`set transfer number 1 for ${ALICE} to +1 205 555 0100`, `use location transfer numbers for ${ALICE}`, 'set transfer number 1 for alice@example.com to nonsense']) {
      const refused = await t.ask(command);
      assert.equal(markdownOf(refused), "Sorry, changing transfer numbers is only for the people the bot's admin named as editors. I read and changed nothing; look-ups work as usual.");
    }
    assert.deepEqual(t.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route), []);
  });

  it('a look-up still works as usual', async () => {
    assert.equal(viewCard(await t.ask(`transfer numbers for ${ALICE}`)).texts[1], 'Alice Anderson');
  });
});

describe('integration: changing transfer numbers when ALLOWED_EDITORS is not set', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest();
  });
  after(async () => {
    await t?.stop();
  });

  it('answers every edit command with the same polite line', async () => {
    const refused = await t.ask(`clear transfer number 2 for ${ALICE}`);
    assert.equal(markdownOf(refused), "Sorry, changing transfer numbers is only for the people the bot's admin named as editors. I read and changed nothing; look-ups work as usual.");
  });
});
