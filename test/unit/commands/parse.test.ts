import { strict as assert } from 'node:assert';
import { parseCardSubmit, parseCommand } from '../../../src/commands';

const ALICE_ID = Buffer.from('ciscospark://us/PEOPLE/0f3e1c52-6a53-4e4e-9b8a-2c1b8f4a7d10').toString('base64').replace(/=+$/, '');
const ctx = { botNames: ['Transfer Bot', 'Transfer'] };
const ORG = Buffer.from('ciscospark://us/ORGANIZATION/2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01').toString('base64').replace(/=+$/, '');

describe('commands/parseCommand', () => {
  const aliceForms = [
    'transfer numbers for alice@example.com',
    'Transfer Numbers For ALICE@EXAMPLE.COM',
    'transfer numbers alice@example.com',
    '  transfer   numbers   for   alice@example.com  ',
    'transfer numbers for alice@example.com.',
    'transfer numbers for alice@example.com?!',
    'transfer numbers for <alice@example.com>',
    'transfer numbers for mailto:alice@example.com',
    'transfer numbers for [alice@example.com](mailto:alice@example.com)',
    'Transfer Bot transfer numbers for alice@example.com',
    'Transfer Bot, transfer numbers for alice@example.com',
    '@Transfer Bot transfer numbers for alice@example.com',
    'Transfer transfer numbers for alice@example.com',
    'transfer number for alice@example.com',
    'show transfer numbers for alice@example.com',
    'transfer numbers of "alice@example.com"',
    'transfer numbers for\nalice@example.com',
  ];
  for (const text of aliceForms) {
    it(`reads ${JSON.stringify(text)} as a look-up of alice@example.com`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } });
    });
  }

  it('reads a Webex person ID', () => {
    assert.deepEqual(parseCommand(`transfer numbers for ${ALICE_ID}`, ctx), {
      kind: 'lookup',
      target: { kind: 'personId', id: ALICE_ID },
    });
  });

  it('reads a display name, keeping its case and inner spaces normalized', () => {
    assert.deepEqual(parseCommand('transfer numbers for  Alice   Anderson.', ctx), {
      kind: 'lookup',
      target: { kind: 'name', name: 'Alice Anderson' },
    });
    assert.deepEqual(parseCommand("transfer numbers for Seán O'Brien-Ó Dónaill", ctx), {
      kind: 'lookup',
      target: { kind: 'name', name: "Seán O'Brien-Ó Dónaill" },
    });
  });

  it('reads "in org <orgId>" as a partner look-up', () => {
    assert.deepEqual(parseCommand(`transfer numbers for alice@customer.com in org ${ORG}`, ctx), {
      kind: 'lookup',
      target: { kind: 'email', email: 'alice@customer.com' },
      orgId: ORG,
    });
    assert.deepEqual(parseCommand('who transfers to +1 205 555 3650 in org 2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01.', ctx), {
      kind: 'reverse',
      number: { raw: '+1 205 555 3650', e164: '+12055553650', digits: '12055553650' },
      orgId: '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01',
    });
  });

  it('answers "in org" followed by something that is not an organization ID without searching anything', () => {
    const long = Buffer.from(`ciscospark://us/ORGANIZATION/${'1'.repeat(100)}`).toString('base64');
    for (const value of ['../../people/me?', 'acme', long, 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8wZjNlMWM1Mg']) {
      assert.deepEqual(parseCommand(`transfer numbers for alice@example.com in org ${value}`, ctx), { kind: 'invalidOrg', input: value }, value);
    }
    assert.deepEqual(parseCommand('who transfers to 3650 in org ../x', ctx), { kind: 'invalidOrg', input: '../x' });
  });

  it('reads everything after the last "in org" as the organization, and nothing there as a missing one', () => {
    const cases: Array<[string, string]> = [
      ['transfer numbers for alice@example.com in org', ''],
      ['transfer numbers for alice@example.com in organization:', ''],
      ['transfer numbers for alice@example.com in org Example Corp', 'Example Corp'],
      [`transfer numbers for alice@example.com in org ${ORG} please`, `${ORG} please`],
      ['transfer numbers in org ../../people/me?', '../../people/me?'],
      ['who transfers to 3650 at org: <acme>.', 'acme'],
    ];
    for (const [text, input] of cases) assert.deepEqual(parseCommand(text, ctx), { kind: 'invalidOrg', input }, text);
  });

  it('keeps names that only look like "in org"', () => {
    for (const name of ['Justin Organa', 'Erin In Orgel', 'Lin Organization-Smith']) {
      assert.deepEqual(parseCommand(`transfer numbers for ${name}`, ctx), { kind: 'lookup', target: { kind: 'name', name } }, name);
    }
  });

  for (const text of ['help', 'HELP', '?', '', '   ', 'Transfer Bot', 'Transfer Bot help', 'hello', 'what can you do', 'delete everything', '12345']) {
    it(`answers ${JSON.stringify(text)} with help`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'help' });
    });
  }

  it('says what is wrong with an empty target', () => {
    assert.deepEqual(parseCommand('transfer numbers for', ctx), { kind: 'invalidTarget', input: '', reason: 'empty' });
    assert.deepEqual(parseCommand('Transfer Bot transfer numbers for <>', ctx), { kind: 'invalidTarget', input: '<>', reason: 'empty' });
  });

  it('says what is wrong with a malformed target', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@', ctx), { kind: 'invalidTarget', input: 'alice@', reason: 'malformed' });
    assert.deepEqual(parseCommand('transfer numbers for @@@', ctx), { kind: 'invalidTarget', input: '@@@', reason: 'malformed' });
    assert.deepEqual(parseCommand('transfer numbers for 12345', ctx), { kind: 'invalidTarget', input: '12345', reason: 'malformed' });
    assert.deepEqual(parseCommand('transfer numbers for <script>alert(1)</script>', ctx), {
      kind: 'invalidTarget',
      input: '<script>alert(1)</script>',
      reason: 'malformed',
    });
  });

  it('refuses a target longer than 200 characters', () => {
    const long = 'a'.repeat(201);
    assert.deepEqual(parseCommand(`transfer numbers for ${long}`, ctx), { kind: 'invalidTarget', input: long, reason: 'tooLong' });
  });
});

describe('commands/parseCardSubmit', () => {
  it('reads the card form', () => {
    assert.deepEqual(parseCardSubmit({ action: 'lookup', target: ' <bob@example.com> ' }), {
      kind: 'lookup',
      target: { kind: 'email', email: 'bob@example.com' },
    });
  });

  it('reads a candidate button by person ID', () => {
    assert.deepEqual(parseCardSubmit({ action: 'pick', personId: ALICE_ID, email: 'alice@example.com' }), {
      kind: 'lookup',
      target: { kind: 'personId', id: ALICE_ID },
    });
  });

  it("reads an edit's pick button as the edit, for the one picked, in an org too; Refresh ignores an edit", () => {
    const change = { kind: 'setNumber', slot: 2, number: '+12055550142' };
    assert.deepEqual(parseCardSubmit({ action: 'pick', personId: ALICE_ID, email: 'alice@example.com', edit: 'set:2:+12055550142' }), {
      kind: 'edit',
      target: { kind: 'personId', id: ALICE_ID },
      change,
    });
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: 'ws-0001', orgId: ORG, edit: 'custom:off' }), {
      kind: 'edit',
      target: { kind: 'workspaceId', id: 'ws-0001' },
      change: { kind: 'useCustom', on: false },
      orgId: ORG,
    });
    assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: ALICE_ID, edit: 'clear:1' }), { kind: 'lookup', target: { kind: 'personId', id: ALICE_ID }, fresh: true });
  });

  it("answers an edit's pick button whose change is not one our cards write with help, and a bad target as before", () => {
    for (const edit of ['set:9:+12055550142', '', 42, null]) {
      assert.deepEqual(parseCardSubmit({ action: 'pick', personId: ALICE_ID, edit }), { kind: 'help' }, JSON.stringify(edit));
    }
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: '../people/me', edit: 'clear:1' }), { kind: 'invalidTarget', input: '../people/me', reason: 'malformed' });
  });

  it('falls back to the email when the person ID is unusable', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: 'nope', email: 'alice@example.com' }), {
      kind: 'lookup',
      target: { kind: 'email', email: 'alice@example.com' },
      fresh: true,
    });
  });

  it('keeps the org of a partner look-up', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: ALICE_ID, orgId: ORG }), {
      kind: 'lookup',
      target: { kind: 'personId', id: ALICE_ID },
      fresh: true,
      orgId: ORG,
    });
  });

  it('answers an empty form with an invalid-target reply', () => {
    assert.deepEqual(parseCardSubmit({ action: 'lookup', target: '' }), { kind: 'invalidTarget', input: '', reason: 'emptyForm' });
    assert.deepEqual(parseCardSubmit({ action: 'lookup' }), { kind: 'invalidTarget', input: '', reason: 'emptyForm' });
  });

  it('answers unknown submits with help', () => {
    assert.deepEqual(parseCardSubmit({}), { kind: 'help' });
    assert.deepEqual(parseCardSubmit({ action: 'launchMissiles' }), { kind: 'help' });
    assert.deepEqual(parseCardSubmit({ action: 42 as unknown as string }), { kind: 'help' });
  });
});

describe('commands/parseCardSubmit org IDs', () => {
  const id = Buffer.from('ciscospark://us/PEOPLE/0f3e1c52-6a53-4e4e-9b8a-2c1b8f4a7d10').toString('base64').replace(/=+$/, '');
  it('refuses an org ID that does not look like one instead of passing it to Webex', () => {
    for (const orgId of ['has spaces in it', 'x'.repeat(201), 'line\nbreak', '<script>', '../../people/me']) {
      assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: id, orgId }), { kind: 'invalidOrg', input: orgId }, orgId);
    }
  });

  it('names an org ID that is not text as it was sent', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: id, orgId: 42 }), { kind: 'invalidOrg', input: '42' });
    assert.deepEqual(parseCardSubmit({ action: 'lookup', target: 'bob', orgId: { path: '../me' } }), { kind: 'invalidOrg', input: '{"path":"../me"}' });
  });

  it('reads an empty org ID (a button of a look-up in the default org) as none', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refresh', personId: id, orgId: '' }), { kind: 'lookup', target: { kind: 'personId', id }, fresh: true });
  });
});

describe('commands: workspaces', () => {
  const WORKSPACE_ID = Buffer.from('ciscospark://us/PLACES/5101b07b-4f8f-4ef7-b565-db19c7b723f7').toString('base64url');
  const URN_WORKSPACE_ID = Buffer.from('ciscospark://urn:TEAM:us-east-2_a/WORKSPACE/5101b07b-4f8f-4ef7-b565-db19c7b723f7').toString('base64');
  const ctx = { botNames: ['Transfer Bot'] };

  it('reads "workspace <name>" as a workspace search, and a name alone as people and workspaces', () => {
    assert.deepEqual(parseCommand('transfer numbers for workspace Lobby Phone', ctx), { kind: 'lookup', target: { kind: 'workspaceName', name: 'Lobby Phone' } });
    assert.deepEqual(parseCommand('transfer numbers for Workspace: Lobby Phone', ctx), { kind: 'lookup', target: { kind: 'workspaceName', name: 'Lobby Phone' } });
    assert.deepEqual(parseCommand('transfer numbers for Lobby Phone', ctx), { kind: 'lookup', target: { kind: 'name', name: 'Lobby Phone' } });
    assert.deepEqual(parseCommand('transfer numbers for workspace', ctx), { kind: 'invalidTarget', input: 'workspace', reason: 'empty' });
    // The word only counts alone: "Workspace-Team" is a name.
    assert.deepEqual(parseCommand('transfer numbers for Workspace-Team', ctx), { kind: 'lookup', target: { kind: 'name', name: 'Workspace-Team' } });
    assert.deepEqual(parseCommand('transfer numbers for Workspacey Smith', ctx), { kind: 'lookup', target: { kind: 'name', name: 'Workspacey Smith' } });
  });

  it("reads the API reference's own example workspace ID (its scheme is misspelt) as a workspace ID", () => {
    const example = 'Y2lzY28zcGFyazovL3VzL1BMQUNFUy81MTAxQjA3Qi00RjhGLTRFRjctQjU2NS1EQjE5QzdCNzIzRjc';
    assert.deepEqual(parseCommand(`transfer numbers for ${example}`, ctx), { kind: 'lookup', target: { kind: 'workspaceId', id: example } });
  });

  it('reads workspace IDs, both forms, alone and in a list', () => {
    assert.deepEqual(parseCommand(`transfer numbers for ${WORKSPACE_ID}`, ctx), { kind: 'lookup', target: { kind: 'workspaceId', id: WORKSPACE_ID } });
    assert.deepEqual(parseCommand(`transfer numbers for ${URN_WORKSPACE_ID}`, ctx), { kind: 'lookup', target: { kind: 'workspaceId', id: URN_WORKSPACE_ID } });
    assert.deepEqual(parseCommand(`transfer numbers for alice@example.com ${WORKSPACE_ID} and workspace Lobby`, ctx), {
      kind: 'lookupMany',
      targets: [
        { kind: 'email', email: 'alice@example.com' },
        { kind: 'workspaceId', id: WORKSPACE_ID },
        { kind: 'workspaceName', name: 'Lobby' },
      ],
    });
  });

  it("answers a workspace's pick and Refresh buttons, in an org too, and refuses a workspaceId that is not one", () => {
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: WORKSPACE_ID }), { kind: 'lookup', target: { kind: 'workspaceId', id: WORKSPACE_ID } });
    assert.deepEqual(parseCardSubmit({ action: 'refresh', workspaceId: WORKSPACE_ID }), { kind: 'lookup', target: { kind: 'workspaceId', id: WORKSPACE_ID }, fresh: true });
    const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/1eb65fdf-9643-417f-9974-ad72cae0e10f').toString('base64url');
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: WORKSPACE_ID, orgId: ORG_ID }), {
      kind: 'lookup',
      target: { kind: 'workspaceId', id: WORKSPACE_ID },
      orgId: ORG_ID,
    });
    // What Webex listed is taken as it is; anything that is not an ID's characters is refused.
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: 'ws-0001' }), { kind: 'lookup', target: { kind: 'workspaceId', id: 'ws-0001' } });
    assert.deepEqual(parseCardSubmit({ action: 'pick', workspaceId: '../people/me' }), { kind: 'invalidTarget', input: '../people/me', reason: 'malformed' });
  });

  it('refreshes a marked workspace ID as Webex listed it, and refuses a marked line that is not an ID', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 'workspace-id:ws-0001\nbob@example.com' }), {
      kind: 'lookupMany',
      targets: [
        { kind: 'workspaceId', id: 'ws-0001' },
        { kind: 'email', email: 'bob@example.com' },
      ],
      fresh: true,
    });
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 'workspace-id:../x\nbob@example.com' }), { kind: 'invalidTarget', input: 'workspace-id:../x', reason: 'malformed' });
  });

  it('refreshes a several-people card that holds a workspace ID', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: `alice@example.com\n${WORKSPACE_ID}` }), {
      kind: 'lookupMany',
      targets: [
        { kind: 'email', email: 'alice@example.com' },
        { kind: 'workspaceId', id: WORKSPACE_ID },
      ],
      fresh: true,
    });
  });
});
