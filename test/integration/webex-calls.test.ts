// Issue "fast and frugal": how many Webex calls a command costs (the figures themselves are in the bench).
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { startBotUnderTest, viewCard, type BotUnderTest } from './harness';

describe('integration: Webex calls per command', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest();
  });
  after(async () => {
    await t?.stop();
  });

  /** Opens a new 1:1 with the bot the way a Webex client does (POST /messages toPersonEmail). */
  async function firstMessageInNewSpace(from: string, text: string): Promise<WebexMessage> {
    const res = await fetch(`${t.emulator.baseUrl}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.tokens.user(from)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toPersonEmail: t.emulator.bot.emails[0], text }),
    });
    assert.equal(res.status, 200);
    const sent = (await res.json()) as WebexMessage;
    const [reply] = await t.emulator.waitForBotMessages({ roomId: sent.roomId, count: 1, timeoutMs: 10_000 });
    return reply;
  }

  function botAndAdminCalls(): string[] {
    return t.emulator.requests.filter((r) => r.role === 'bot' || r.role === 'admin').map((r) => r.route);
  }

  it('answers the first command in a new 1:1 with at most 6 Webex calls', async () => {
    t.emulator.clearRequests();
    const reply = await firstMessageInNewSpace(SEED_EMAILS.colleague, 'transfer numbers for carol.chen@example.com');
    assert.equal(viewCard(reply).texts[1], 'Carol Chen');
    await t.emulator.deliveriesSettled();
    const calls = botAndAdminCalls();
    assert.ok(calls.length <= 6, calls.join(', '));
    for (const route of ['messages.get', 'people.get', 'people.list', 'transferNumbers.get', 'outgoingPermission.get', 'messages.create']) {
      assert.equal(calls.filter((c) => c === route).length, 1, `${route} once in ${calls.join(', ')}`);
    }
  });

  it('answers a repeat look-up with the floor of 3 calls: fetch the message, read the numbers, reply', async () => {
    await t.ask('transfer numbers for alice@example.com');
    await t.emulator.deliveriesSettled();
    t.emulator.clearRequests();
    const reply = await t.ask('transfer numbers for alice@example.com');
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    assert.ok(viewCard(reply).texts.includes('Used for: International'), 'what each number is for, from the short-lived cache');
    await t.emulator.deliveriesSettled();
    assert.deepEqual(botAndAdminCalls(), ['messages.get', 'transferNumbers.get', 'messages.create']);
  });

  it('reads the numbers and what they are for again on Refresh, side by side', async () => {
    const card = await t.ask('transfer numbers for alice@example.com');
    await t.emulator.deliveriesSettled();
    t.emulator.clearRequests();
    const refresh = viewCard(card).buttons.find((b) => b.title === 'Refresh');
    assert.ok(refresh);
    await t.submit(card, refresh.data);
    await t.emulator.deliveriesSettled();
    const calls = botAndAdminCalls();
    assert.equal(calls[0], 'attachmentActions.get');
    assert.deepEqual(calls.slice(1, 3).sort(), ['outgoingPermission.get', 'transferNumbers.get']);
    assert.equal(calls[3], 'messages.create');
    assert.equal(calls.length, 4);
  });
});
