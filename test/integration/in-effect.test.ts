// What actually applies to a call: the location's numbers and permissions for people (and workspaces)
// without custom ones, workspaces by name and ID, and "who transfers to" a location's number. Through
// the real framework and SDK against the emulator, whose locations and workspaces follow the API
// reference (Get Location Details, the location's outgoing permission and auto transfer numbers, List
// Workspaces, a workspace's outgoing permission and auto transfer numbers).
import { strict as assert } from 'node:assert';
import { SEED_EMAILS, SEED_LOCATIONS, SEED_WORKSPACE_NAMES, seedWorkspaceId } from '../../sandbox/emulator';
import { checkedMessage, startBotUnderTest, viewCard, type BotUnderTest } from './harness';

describe('integration: what applies (locations and workspaces)', function () {
  this.timeout(30_000);
  let t: BotUnderTest;

  before(async () => {
    t = await startBotUnderTest();
  });
  after(async () => {
    await t?.stop();
  });
  afterEach(() => t.emulator.faults.clear());

  function adminRoutes(): string[] {
    return t.emulator.requests.filter((r) => r.role === 'admin').map((r) => r.route);
  }

  it("answers a person whose custom numbers are off with the location's numbers and permissions, naming the location", async () => {
    t.emulator.clearRequests();
    const reply = await t.ask(`transfer numbers for ${SEED_EMAILS.erin}`);
    const card = viewCard(reply);
    assert.deepEqual(card.facts, {
      'Numbers in effect': 'From location Birmingham HQ (custom numbers off)',
      'Transfer number 1': '+1 205 555 0100 (+12055550100)',
      'Transfer number 2': '+1 205 555 0101 (+12055550101)',
      'Transfer number 3': 'Not set',
    });
    // Birmingham HQ sends international calls to its number 1 and premium calls to its number 2.
    assert.ok(card.texts.includes('Used for: International'), card.texts.join(' | '));
    assert.ok(card.texts.includes('Used for: Premium services I, Premium services II'), card.texts.join(' | '));
    assert.ok(card.texts.includes('What each number is for comes from the outgoing permissions of location Birmingham HQ (custom permissions off).'), card.texts.join(' | '));
    // The number stored on Erin does not apply, and is not shown as if it did.
    assert.ok(card.texts.includes('Not in effect (stored on them, but custom numbers are off): 1: +1 205 555 3691 (+12055553691)'), card.texts.join(' | '));
    assert.ok(!Object.values(card.facts).some((v) => v.includes('3691')));
    const markdown = checkedMessage(reply).markdown;
    assert.match(markdown, /- Numbers in effect: From location Birmingham HQ \(custom numbers off\)\n- Transfer number 1: \+1 205 555 0100/);
    const routes = adminRoutes();
    for (const route of ['locationTransferNumbers.get', 'locationOutgoingPermission.get', 'locations.get']) {
      assert.equal(routes.filter((r) => r === route).length, 1, `${route} once in ${routes.join(', ')}`);
    }
    const peopleCall = t.emulator.requests.find((r) => r.route === 'people.list' && r.role === 'admin');
    assert.match(peopleCall?.query ?? '', /callingData=true/, 'the location comes with callingData');
  });

  it("reads the location's numbers fresh on a repeat, and its name and permissions from memory", async () => {
    await t.ask(`transfer numbers for ${SEED_EMAILS.henry}`);
    await t.emulator.deliveriesSettled();
    t.emulator.clearRequests();
    const card = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.henry}`));
    assert.equal(card.facts['Transfer number 1'], '+1 205 555 0100 (+12055550100)');
    assert.deepEqual(adminRoutes().sort(), ['locationTransferNumbers.get', 'transferNumbers.get']);
  });

  it('flags what does not add up by the permissions in effect: the location sends premium calls to a number the person never set', async () => {
    const card = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.nora}`));
    assert.equal(card.facts['Numbers in effect'], 'Their own (custom numbers on)');
    assert.equal(card.facts['Transfer number 2'], 'Not set');
    assert.ok(card.texts.includes('⚠ Calls are set to transfer here, but no number is set: Premium services I'), card.texts.join(' | '));
    assert.ok(card.texts.includes('What each number is for comes from the outgoing permissions of location Huntsville Lab (custom permissions off).'), card.texts.join(' | '));
  });

  it("says why when the location's numbers cannot be read, and shows none as if they applied", async () => {
    t.emulator.faults.add({ route: 'locationTransferNumbers.get', token: 'admin', status: 403 });
    const card = viewCard(await t.ask(`transfer numbers for ${SEED_EMAILS.liam}`));
    assert.equal(card.facts['Transfer number 1'], 'Could not be read');
    assert.ok(
      card.texts.some((x) => x.startsWith("The location's transfer numbers apply, but they could not be read: Webex refused (the admin token may lack the spark-admin:telephony_config_read scope")),
      card.texts.join(' | '),
    );
  });

  it('answers a workspace by name: its own numbers, what each is for, and a Refresh that reads it again', async () => {
    const reply = await t.ask(`transfer numbers for ${SEED_WORKSPACE_NAMES.lobby}`);
    const card = viewCard(reply);
    assert.deepEqual(card.texts.slice(0, 3), ['Transfer numbers', 'Lobby Phone', 'Workspace']);
    assert.equal(card.facts['Numbers in effect'], 'Its own (custom numbers on)');
    assert.equal(card.facts['Transfer number 1'], '+1 205 555 0150 (+12055550150)');
    assert.ok(card.texts.includes('Used for: International'), card.texts.join(' | '));
    const refresh = card.buttons.find((b) => b.title === 'Refresh');
    assert.deepEqual(refresh?.data, { action: 'refresh', workspaceId: seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby) });
    t.emulator.clearRequests();
    const again = viewCard(await t.submit(reply, refresh!.data));
    assert.equal(again.texts[1], 'Lobby Phone');
    assert.ok(adminRoutes().includes('workspaceTransferNumbers.get') && adminRoutes().includes('workspaceOutgoingPermission.get'), adminRoutes().join(', '));
  });

  it('answers "workspace <name>" and a workspace ID; a workspace without custom settings follows its location', async () => {
    const byWord = viewCard(await t.ask(`transfer numbers for workspace ${SEED_WORKSPACE_NAMES.breakRoom}`));
    assert.equal(byWord.texts[1], 'Break Room Phone');
    assert.equal(byWord.facts['Numbers in effect'], 'From location Huntsville Lab (custom numbers off)');
    assert.equal(byWord.facts['Transfer number 1'], '+1 256 555 0100 (+12565550100)');
    assert.ok(byWord.texts.includes('⚠ Calls are set to transfer here, but no number is set: Premium services I'), byWord.texts.join(' | '));
    const byId = viewCard(await t.ask(`transfer numbers for ${seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby)}`));
    assert.equal(byId.texts[1], 'Lobby Phone');
  });

  it('gives one pick list for a name matching a person and a workspace, saying which is which, and each button answers', async () => {
    const reply = await t.ask('transfer numbers for Henry');
    const card = viewCard(reply);
    assert.equal(card.texts[0], '1 person and 1 workspace match “Henry”');
    assert.ok(card.texts.includes('**Henry Hughes** (henry.hughes@example.com)'), card.texts.join(' | '));
    assert.ok(card.texts.includes('**Henry Hall Kiosk** (workspace)'), card.texts.join(' | '));
    const picks = card.buttons.filter((b) => b.data.action === 'pick');
    assert.deepEqual(picks.map((b) => b.title), ['Henry Hughes', 'Henry Hall Kiosk']);
    assert.deepEqual(picks[1].data, { action: 'pick', workspaceId: seedWorkspaceId(SEED_WORKSPACE_NAMES.henryHall) });
    const workspace = viewCard(await t.submit(reply, picks[1].data));
    assert.deepEqual(workspace.texts.slice(0, 3), ['Transfer numbers', 'Henry Hall Kiosk', 'Workspace']);
    assert.equal(workspace.facts['Numbers in effect'], 'From location Birmingham HQ (custom numbers off)');
  });

  it('never offers a workspace without Webex Calling', async () => {
    const card = viewCard(await t.ask(`transfer numbers for workspace ${SEED_WORKSPACE_NAMES.boardRoom}`));
    assert.equal(card.texts[0], 'No one found');
    const call = t.emulator.requests.filter((r) => r.route === 'workspaces.list').at(-1);
    assert.match(call?.query ?? '', /calling=webexCalling/);
  });

  it('still finds people when workspaces may not be searched, and says so when nobody was found', async () => {
    t.emulator.faults.add({ route: 'workspaces.list', token: 'admin', status: 403 });
    const person = viewCard(await t.ask('transfer numbers for Alice Anderson'));
    assert.equal(person.texts[1], 'Alice Anderson');
    const nobody = viewCard(await t.ask('transfer numbers for Zed Nobody'));
    assert.equal(nobody.texts[0], 'No one found');
    assert.ok(
      nobody.texts.some((x) => x.startsWith('Workspaces were not searched: Webex refused (the admin token may lack the spark-admin:workspaces_read scope).')),
      nobody.texts.join(' | '),
    );
  });

  it('answers "who transfers to" a location\'s number with the location and how many of its people it applies to', async () => {
    const card = viewCard(await t.ask('who transfers to +1 205 555 0100'));
    assert.equal(card.texts[0], '1 location transfers calls to +1 205 555 0100 (+12055550100)');
    // Birmingham HQ's calling users without custom numbers: Avery, Dana, Sam, Erin, Henry and Kim; and
    // the Henry Hall Kiosk workspace.
    assert.ok(
      card.texts.includes('**Birmingham HQ** (location; its numbers apply to 6 people and 1 workspace without custom numbers): Transfer number 1'),
      card.texts.join(' | '),
    );
    // Erin's stored (not in effect) number matches nobody.
    const stored = viewCard(await t.ask('who transfers to +12055553691'));
    assert.equal(stored.texts[0], 'No one transfers calls to +1 205 555 3691 (+12055553691)');
  });

  it('answers "who transfers to" a workspace\'s own number with the workspace, and a button that opens it', async () => {
    const card = viewCard(await t.ask('who transfers to (205) 555-0150'));
    assert.equal(card.texts[0], '1 workspace transfers calls to +1 205 555 0150 (+12055550150)');
    assert.ok(card.texts.includes('**Lobby Phone** (workspace): Transfer number 1'), card.texts.join(' | '));
    const pick = card.buttons.find((b) => b.title === 'Lobby Phone');
    assert.deepEqual(pick?.data, { action: 'pick', workspaceId: seedWorkspaceId(SEED_WORKSPACE_NAMES.lobby) });
  });

  it('answers "who transfers to" again from the kept scan, with its matches read again: a changed number drops out', async () => {
    const first = viewCard(await t.ask('who transfers to (205) 555-3661'));
    assert.ok(first.texts.includes('**Bob Baker** (bob.baker@example.com): Transfer number 1'), first.texts.join(' | '));
    const bob = { useCustomTransferNumbers: true, autoTransferNumber1: '+12055553661', autoTransferNumber2: null, autoTransferNumber3: null };
    t.emulator.setTransferNumbers(SEED_EMAILS.bob, { ...bob, autoTransferNumber1: '+12055550199' });
    try {
      t.emulator.clearRequests();
      const again = viewCard(await t.ask('who transfers to (205) 555-3661'));
      assert.equal(again.texts[0], 'No one transfers calls to +1 205 555 3661 (+12055553661)');
      assert.match(again.texts.find((x) => x.startsWith('Index as of')) ?? '', /; the match was read again at \d\d:\d\d UTC$/);
      assert.equal(t.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin').length, 0, 'no new scan');
      const moved = viewCard(await t.ask('who transfers to +1 205 555 0199'));
      assert.ok(moved.texts.includes('**Bob Baker** (bob.baker@example.com): Transfer number 1'), 'the kept scan learnt the number read again');
    } finally {
      t.emulator.setTransferNumbers(SEED_EMAILS.bob, bob);
    }
  });

  it('learns from a look-up: a number someone was just looked up with is found by "who transfers to" without a new scan', async () => {
    await t.ask('who transfers to (205) 555-3661');
    const carol = { useCustomTransferNumbers: true, autoTransferNumber1: '+12055554671' };
    t.emulator.setTransferNumbers(SEED_EMAILS.carol, { ...carol, autoTransferNumber1: '+12055550188' });
    try {
      await t.ask(`transfer numbers for ${SEED_EMAILS.carol}`);
      t.emulator.clearRequests();
      const card = viewCard(await t.ask('who transfers to +1 205 555 0188'));
      assert.ok(card.texts.includes('**Carol Chen** (carol.chen@example.com): Transfer number 1'), card.texts.join(' | '));
      assert.equal(t.emulator.requests.filter((r) => r.route === 'people.list' && r.role === 'admin').length, 0, 'no new scan');
    } finally {
      t.emulator.setTransferNumbers(SEED_EMAILS.carol, carol);
    }
  });

  it('answers several people with the numbers in effect for each', async () => {
    const message = await t.ask(`transfer numbers for ${SEED_EMAILS.alice}, ${SEED_EMAILS.erin}`);
    const markdown = checkedMessage(message).markdown;
    assert.match(markdown, /\*\*Erin Evans\*\* \(erin\.evans@example\.com\)\n- Numbers in effect: From location Birmingham HQ \(custom numbers off\)\n- Transfer number 1: \+1 205 555 0100/);
  });

  it('shows the location by its ID when Get Location Details is refused (a token without the scope)', async () => {
    t.emulator.faults.add({ route: 'locations.get', token: 'admin', status: 403 });
    // A name read earlier is kept for LOCATION_CACHE_TTL_SECONDS; Refresh reads everything again. Last
    // in this suite: a refusal is kept as long as a name would be.
    const first = await t.ask(`transfer numbers for ${SEED_EMAILS.kim}`);
    const refresh = viewCard(first).buttons.find((b) => b.title === 'Refresh');
    const card = viewCard(await t.submit(first, refresh!.data));
    assert.equal(card.facts['Numbers in effect'], `From location ID ${SEED_LOCATIONS.hq.id} (custom numbers off)`);
    assert.equal(card.facts['Transfer number 1'], '+1 205 555 0100 (+12055550100)', 'the numbers still come');
  });
});
