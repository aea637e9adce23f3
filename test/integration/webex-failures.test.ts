// Issue "when Webex fails": every command is answered exactly once, correctly or with a useful
// explanation, whatever the emulator's fault injection makes Webex do; the next command still works.
import { strict as assert } from 'node:assert';
import { SEED_EMAILS } from '../../sandbox/emulator';
import type { WebexMessage } from '../../src/webex/types';
import { checkedMessage, startBotUnderTest, viewCard, type BotUnderTest } from './harness';

const ASK = 'transfer numbers for alice@example.com';

describe('integration: when Webex fails', function () {
  this.timeout(60_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest({
      WEBEX_REQUEST_TIMEOUT_MS: '400',
      COMMAND_TIMEOUT_MS: '4000',
      WEBEX_OPS_ROOM_ID: '', // set per test below through a second bot where needed
    });
  });
  after(async () => {
    await t?.stop();
  });
  beforeEach(() => {
    t.emulator.faults.clear();
    t.emulator.clearRequests();
  });

  /** The agent's view of a reply: card texts joined, or the markdown when there is no card. */
  function words(reply: WebexMessage): string {
    const msg = checkedMessage(reply);
    return msg.attachments ? viewCard(reply).texts.join('\n') : msg.markdown;
  }

  function callsTo(route: string): number[] {
    return t.emulator.requests.filter((r) => r.route === route && r.role !== 'user').map((r) => r.status);
  }

  function retryDelays(): number[] {
    return t.logs
      .lines()
      .filter((l) => l.msg === 'webex.retry' || l.msg === 'webex.sdk_retry')
      .map((l) => l.delayMs as number);
  }

  async function assertStillWorks(): Promise<void> {
    t.emulator.faults.clear();
    const reply = await t.ask(ASK);
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
  }

  /** Asks, waits for the answer, and checks that no second answer follows it. */
  async function askOnce(text = ASK): Promise<WebexMessage> {
    const before = t.emulator.botMessages(t.emulator.rooms.direct).length;
    const message = await t.ask(text);
    await t.emulator.deliveriesSettled();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(t.emulator.botMessages(t.emulator.rooms.direct).length, before + 1, 'exactly one answer');
    return message;
  }

  describe('the first build of the org index ("who transfers to")', () => {
    // Each test needs an instance that has not built the index yet (the suite's own has, by then).
    let fresh: BotUnderTest;
    let suite: BotUnderTest;
    beforeEach(async () => {
      suite = t;
      fresh = await startBotUnderTest({ WEBEX_REQUEST_TIMEOUT_MS: '400', COMMAND_TIMEOUT_MS: '4000' });
      await suite.stop();
      t = fresh;
    });
    afterEach(async () => {
      await fresh.stop();
      t = await startBotUnderTest({ WEBEX_REQUEST_TIMEOUT_MS: '400', COMMAND_TIMEOUT_MS: '4000', WEBEX_OPS_ROOM_ID: '' });
    });

    it('answers through a 504 on the list of calling users by asking for smaller pages', async () => {
      t.emulator.faults.add({ route: 'people.list', token: 'admin', status: 504, times: 1 });
      const reply = await askOnce('who transfers to (205) 555-3661');
      assert.match(words(reply), /Bob Baker/);
      const listings = t.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin').map((r) => [r.status, new URLSearchParams(r.query).get('max')]);
      assert.deepEqual(listings.slice(0, 2), [
        [504, '100'],
        [200, '50'],
      ]);
      assert.equal(t.logs.lines().filter((l) => String(l.msg).startsWith('webex.people_page_size_reduced')).length, 1);
      t.emulator.clearRequests();
      assert.match(words(await askOnce('who transfers to (205) 555-3661')), /Bob Baker/);
      assert.deepEqual(t.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin'), [], 'the next question is answered from the index');
    });

    it('answers a 504 that goes on at 10 people a page with the usual Webex error, after halving max down to 10', async () => {
      t.emulator.faults.add({ route: 'people.list', token: 'admin', status: 504 });
      const logsBefore = t.logs.lines().length;
      const reply = await askOnce('who transfers to (205) 555-3661');
      assert.deepEqual(viewCard(reply).texts.slice(0, 3), [
        'Webex had a problem',
        'Webex had a problem answering (HTTP 504).',
        'I was listing calling users to find who transfers calls to +1 205 555 3661 (+12055553661).',
      ]);
      const sizes = t.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin').map((r) => Number(new URLSearchParams(r.query).get('max')));
      const steps = sizes.filter((max, i) => max !== sizes[i - 1]);
      assert.deepEqual(steps, [100, 50, 25, 12, 10]);
      assert.ok(sizes.length > steps.length, 'the 504 at 10 is retried as any 504, not halved again');
      const warned = t.logs.lines().slice(logsBefore).filter((l) => String(l.msg).startsWith('webex.people_page_size_reduced'));
      assert.deepEqual(warned.map((l) => [l.level, l.from, l.to]), [['warn', 100, 10]], 'one warn line per build, with the new max');
      // Nobody listed: no index is kept, so the next question lists again.
      t.emulator.faults.clear();
      assert.match(words(await askOnce('who transfers to (205) 555-3661')), /Bob Baker/);
    });

    it('stops a listing whose next page links back to the first, keeps who it listed, and says so', async () => {
      t.emulator.faults.add({ route: 'people.list', token: 'admin', action: 'loopLink' });
      const reply = await askOnce('who transfers to (205) 555-3661');
      const texts = viewCard(reply).texts;
      assert.ok(texts.some((x) => x.startsWith('**Bob Baker**')), texts.join(' | '));
      assert.ok(
        texts.some((x) => /^Webex stopped listing the calling users after \d+ calling users: Webex answered, but I could not use the answer\. Webex kept sending the same pages of people; the listing was stopped after 1 page\. The index holds only them/.test(x)),
        texts.join(' | '),
      );
      assert.deepEqual(callsTo('people.list'), [200], 'the first page is not read again');
      await assertStillWorks();
    });
  });

  it('waits out a one-shot 429 for the Retry-After it was given, then answers', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 429, retryAfter: 1, times: 1 });
    const reply = await askOnce();
    assert.equal(viewCard(reply).facts['Transfer number 3'], '+1205553652');
    assert.deepEqual(callsTo('transferNumbers.get'), [429, 200]);
    assert.deepEqual(retryDelays().slice(-1), [1000]);
  });

  it('backs off (bounded, with jitter) from a 429 without Retry-After, then answers', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 429, times: 2 });
    const before = retryDelays().length;
    const reply = await t.ask(ASK);
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    assert.deepEqual(callsTo('transferNumbers.get'), [429, 429, 200]);
    const delays = retryDelays().slice(before);
    assert.equal(delays.length, 2);
    assert.ok(delays[0] >= 0 && delays[0] <= 250, `first backoff ${delays[0]} within [0, 250]`);
    assert.ok(delays[1] >= 0 && delays[1] <= 500, `second backoff ${delays[1]} within [0, 500]`);
  });

  it('says "Webex is busy; try again in N seconds" when the Retry-After is past the command budget', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 429, retryAfter: 5 });
    const reply = await askOnce();
    assert.match(words(reply), /Webex is busy; try again in 5 seconds\./);
    assert.match(words(reply), /Tracking ID: EMU_/);
    assert.deepEqual(callsTo('transferNumbers.get'), [429], 'no retry that could not finish in time');
    t.emulator.faults.clear();
    // Webex asked for a pause: until it ends, commands are answered at once without calling Webex.
    const during = await askOnce();
    assert.match(words(during), /Webex is busy; try again in [1-5] seconds?\./);
    assert.deepEqual(callsTo('transferNumbers.get'), [429]);
    await new Promise((r) => setTimeout(r, 5000));
    await assertStillWorks();
  });

  it('waits out a 423 Locked with Retry-After, then answers', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 423, retryAfter: 1, times: 1 });
    const reply = await t.ask(ASK);
    assert.equal(viewCard(reply).facts['Transfer number 2'], '+1205553651');
    assert.deepEqual(callsTo('transferNumbers.get'), [423, 200]);
  });

  it('retries a 500 once only, then names the problem with the tracking ID', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 500 });
    const reply = await askOnce();
    assert.match(words(reply), /Webex had a problem answering \(HTTP 500\)\./);
    assert.match(words(reply), /Tracking ID: EMU_/);
    assert.deepEqual(callsTo('transferNumbers.get'), [500, 500]);
    await assertStillWorks();
  });

  for (const status of [502, 503, 504]) {
    it(`retries a persistent ${status} a bounded number of times, then says so`, async () => {
      t.emulator.faults.add({ route: 'transferNumbers.get', status });
      const reply = await askOnce();
      assert.match(words(reply), new RegExp(`Webex had a problem answering \\(HTTP ${status}\\)\\.`));
      assert.deepEqual(callsTo('transferNumbers.get'), [status, status, status, status], '1 call + 3 retries');
      await assertStillWorks();
    });

    it(`rides out a one-shot ${status}`, async () => {
      t.emulator.faults.add({ route: 'transferNumbers.get', status, times: 1 });
      const reply = await t.ask(ASK);
      assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
      assert.deepEqual(callsTo('transferNumbers.get'), [status, 200]);
    });
  }

  it('retries after a dropped connection', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', action: 'drop', times: 1 });
    const reply = await t.ask(ASK);
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    assert.deepEqual(callsTo('transferNumbers.get'), [0, 200]);
  });

  it('answers within the command budget when Webex hangs', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', action: 'hang' });
    const reply = await askOnce();
    assert.match(words(reply), /Webex did not answer in time/);
    await assertStillWorks();
  });

  it('does not retry a 401 and says the admin authorization was rejected', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 401 });
    const reply = await askOnce();
    assert.match(words(reply), /My admin authorization was rejected or has expired\./);
    assert.match(words(reply), /Ask the bot's owner to renew it\./);
    assert.deepEqual(callsTo('transferNumbers.get'), [401]);
    await assertStillWorks();
  });

  it('does not retry a 403 and names the missing scope', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 403 });
    const reply = await t.ask(ASK);
    assert.match(words(reply), /spark-admin:telephony_config_read/);
    assert.deepEqual(callsTo('transferNumbers.get'), [403]);
  });

  it('retries its reply when posting it is rate limited, and posts it exactly once', async () => {
    t.emulator.faults.add({ route: 'messages.create', status: 429, retryAfter: 1, times: 1 });
    const reply = await askOnce();
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    assert.deepEqual(callsTo('messages.create'), [429, 200]);
  });

  it('retries the framework\'s own message fetch', async () => {
    t.emulator.faults.add({ route: 'messages.get', status: 503, times: 1 });
    const reply = await t.ask(ASK);
    assert.equal(viewCard(reply).facts['Transfer number 1'], '+1205553650');
    assert.deepEqual(callsTo('messages.get'), [503, 200]);
  });

  it('tells the agent when the framework could not read their message at all', async () => {
    t.emulator.faults.add({ route: 'messages.get', status: 503 });
    const reply = await askOnce();
    assert.match(words(reply), /Webex had a problem answering \(HTTP 503\)\./);
    assert.match(words(reply), /Tracking ID: EMU_/);
    assert.equal(callsTo('messages.get').length, 4);
    await assertStillWorks();
  });

  it('logs a reply that could not be posted, with the command', async () => {
    t.emulator.faults.add({ route: 'messages.create', status: 403 });
    const mark = t.logs.lines().length;
    const before = t.emulator.botMessages().length;
    await t.emulator.say({ from: SEED_EMAILS.agent, roomId: t.emulator.rooms.direct, text: ASK });
    for (let i = 0; i < 100 && !t.logs.lines().slice(mark).some((l) => l.msg === 'reply.failed'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const failed = t.logs.lines().slice(mark).find((l) => l.msg === 'reply.failed');
    assert.ok(failed, 'reply.failed logged');
    assert.deepEqual(failed.command, { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } });
    assert.equal(failed.roomId, t.emulator.rooms.direct);
    assert.equal(t.emulator.botMessages().length, before);
    await assertStillWorks();
  });

  it('answers 50 commands failing in different ways at once, each exactly once', async () => {
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 429, retryAfter: 1, times: 8 });
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 503, times: 8 });
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 500, times: 8 });
    t.emulator.faults.add({ route: 'transferNumbers.get', action: 'drop', times: 8 });
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 403, times: 8 });
    const room = t.emulator.rooms.direct;
    const before = t.emulator.botMessages(room).length;
    await Promise.all(Array.from({ length: 50 }, () => t.emulator.say({ from: SEED_EMAILS.agent, roomId: room, text: ASK })));
    const replies = await t.emulator.waitForBotMessages({ roomId: room, count: 50, after: before, timeoutMs: 30_000 });
    await t.emulator.deliveriesSettled();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(t.emulator.botMessages(room).length - before, 50, 'exactly 50 answers');
    const kinds = replies.map((m) => {
      const msg = checkedMessage(m);
      if (msg.markdown.includes('+1205553650')) return 'numbers';
      if (msg.markdown.includes('spark-admin:telephony_config_read')) return '403';
      if (msg.markdown.includes('HTTP 500')) return '500';
      return msg.markdown.split('\n')[0];
    });
    assert.ok(kinds.every((k) => ['numbers', '403', '500'].includes(k)), kinds.join(', '));
    assert.ok(kinds.filter((k) => k === 'numbers').length >= 30, kinds.join(', '));
    await assertStillWorks();
  });
});

describe('integration: telling the owner about a rejected admin token', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    const emu = await import('./harness').then((h) => h.sharedEmulator());
    t = await startBotUnderTest({ WEBEX_OPS_ROOM_ID: emu.rooms.helpDesk });
  });
  after(async () => {
    await t?.stop();
  });

  it('posts one notice to the operations space per hour, however many look-ups fail', async () => {
    const ops = t.emulator.rooms.helpDesk;
    const before = t.emulator.botMessages(ops).length;
    t.emulator.faults.add({ route: 'transferNumbers.get', status: 401 });
    await t.ask(ASK);
    await t.ask(ASK);
    t.emulator.faults.clear();
    const notices = t.emulator.botMessages(ops).slice(before);
    assert.equal(notices.length, 1);
    assert.match(notices[0].markdown ?? '', /the admin token was rejected by Webex \(401\)/);
    assert.match(notices[0].markdown ?? '', /Tracking ID: EMU_/);
  });
});
