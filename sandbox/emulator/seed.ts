// The default sandbox org: who exists, their calling settings and the rooms. Ids are derived from emails and keys,
// so they are the same in every run and tests can name them.
import type { WebexCallingAction, WebexCallingPermission, WebexOutgoingPermission, WebexTransferNumbers } from '../../src/webex/types';
import { stableHydraId } from './ids';
import type { SeedCalling, SeedData, SeedOptions, SeedPerson, SeedRoom, SeedWorkspace } from './types';

export const SEED_ORG = { id: stableHydraId('ORGANIZATION', 'example-corp'), name: 'Example Corp' } as const;
export const SEED_PARTNER_ORG = { id: stableHydraId('ORGANIZATION', 'partner-networks'), name: 'Partner Networks' } as const;

export const SEED_EMAILS = {
  bot: 'transfer-bot@webex.bot',
  admin: 'admin@example.com',
  agent: 'dana.desk@example.com',
  colleague: 'sam.support@example.com',
  alice: 'alice@example.com',
  /** Numbers 2 and 3 unset as null. */
  bob: 'bob.baker@example.com',
  /** Numbers 2 and 3 unset by being absent. */
  carol: 'carol.chen@example.com',
  /** Numbers 1 and 3 unset as "". */
  dave: 'dave.dawson@example.com',
  /** useCustomTransferNumbers false. */
  erin: 'erin.evans@example.com',
  /** NATIONAL goes to TRANSFER_NUMBER_3, which is unset. */
  frank: 'frank.foster@example.com',
  /** No Webex Calling. */
  grace: 'grace.green@example.com',
  chrisCarter: 'chris.carter@example.com',
  chrisCooper: 'chris.cooper@example.com',
  /** In another org. */
  olga: 'olga@partner.example.net',
  henry: 'henry.hughes@example.com',
  isabel: 'isabel.ibarra@example.com',
  jamal: 'jamal.jones@example.com',
  kim: 'kim.kowalski@example.com',
  liam: 'liam.lopez@example.com',
  maria: 'maria.martinez@example.com',
  /** Custom numbers on, custom permissions off: Huntsville Lab's permissions send premium calls to her unset number 2. */
  nora: 'nora.nguyen@example.com',
} as const;

export const SEED_TOKENS = { bot: 'sandbox-bot-token', admin: 'sandbox-admin-token' } as const;

export const SEED_ROOM_KEYS = { direct: 'direct', helpDesk: 'helpDesk', partner: 'partner' } as const;

export function seedPersonId(email: string): string {
  return stableHydraId('PEOPLE', email.toLowerCase());
}

export function seedRoomId(key: string): string {
  return stableHydraId('ROOM', key);
}

export const SEED_ROOMS = {
  direct: seedRoomId(SEED_ROOM_KEYS.direct),
  helpDesk: seedRoomId(SEED_ROOM_KEYS.helpDesk),
  partner: seedRoomId(SEED_ROOM_KEYS.partner),
} as const;

/** A user token with no underscore (the SDK treats a_b_c tokens specially). */
export function defaultUserToken(email: string): string {
  return `sandbox-user-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export const SEED_EXAMPLES = [
  `transfer numbers for ${SEED_EMAILS.alice}`,
  'transfer numbers for Chris Ca',
  'transfer numbers for Chris',
  `transfer numbers for ${SEED_EMAILS.grace}`,
  `transfer numbers for ${SEED_EMAILS.frank}`,
  `transfer numbers for ${SEED_EMAILS.olga}`,
  `transfer numbers for ${SEED_EMAILS.erin}`,
  'transfer numbers for Lobby Phone',
  'transfer numbers for Henry',
  `transfer numbers for ${SEED_EMAILS.alice}, ${SEED_EMAILS.bob} and Erin Evans`,
  'who transfers to +1205553651',
  'who transfers to +12055550100',
  'transfer numbers report',
  'transfer numbers report for location Birmingham HQ',
  `set transfer number 2 for ${SEED_EMAILS.bob} to (205) 555-0142`,
  'help',
];

const CALL_TYPES = [
  'INTERNAL_CALL',
  'TOLL_FREE',
  'INTERNATIONAL',
  'OPERATOR_ASSISTED',
  'CHARGEABLE_DIRECTORY_ASSISTED',
  'SPECIAL_SERVICES_I',
  'SPECIAL_SERVICES_II',
  'PREMIUM_SERVICES_I',
  'PREMIUM_SERVICES_II',
  'NATIONAL',
] as const;

type CallType = (typeof CALL_TYPES)[number];

/** All call types, ALLOW unless overridden. */
export function callingPermissions(overrides: Partial<Record<CallType, WebexCallingAction>> = {}): WebexCallingPermission[] {
  return CALL_TYPES.map((callType) => ({
    callType,
    action: overrides[callType] ?? 'ALLOW',
    transferEnabled: true,
    isCallTypeRestrictionEnabled: false,
  }));
}

/** A person's (or workspace's) permissions: custom when anything is overridden, else the location's apply. */
export function outgoingPermission(overrides: Partial<Record<CallType, WebexCallingAction>> = {}): WebexOutgoingPermission {
  const custom = Object.keys(overrides).length > 0;
  return { useCustomEnabled: custom, useCustomPermissions: custom, callingPermissions: callingPermissions(overrides) };
}

/**
 * Locations and their defaults: the transfer numbers and outgoing permissions that apply to everyone
 * there who has no custom ones. Huntsville Lab sends premium calls to number 2, which it never set.
 */
export const SEED_LOCATIONS = {
  hq: {
    id: stableHydraId('LOCATION', 'birmingham-hq'),
    name: 'Birmingham HQ',
    orgId: SEED_ORG.id,
    transferNumbers: { autoTransferNumber1: '+12055550100', autoTransferNumber2: '+12055550101' },
    outgoingPermission: { callingPermissions: callingPermissions({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2', PREMIUM_SERVICES_II: 'TRANSFER_NUMBER_2' }) },
  },
  lab: {
    id: stableHydraId('LOCATION', 'huntsville-lab'),
    name: 'Huntsville Lab',
    orgId: SEED_ORG.id,
    transferNumbers: { autoTransferNumber1: '+12565550100' },
    outgoingPermission: { callingPermissions: callingPermissions({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2' }) },
  },
  partner: {
    id: stableHydraId('LOCATION', 'partner-dallas'),
    name: 'Dallas NOC',
    orgId: SEED_PARTNER_ORG.id,
    transferNumbers: {},
    outgoingPermission: { callingPermissions: callingPermissions() },
  },
} as const;

/** Workspaces by display name: common-area phones are Webex Calling workspaces, not people. */
export const SEED_WORKSPACE_NAMES = {
  /** Custom numbers and permissions of its own. */
  lobby: 'Lobby Phone',
  /** Follows Huntsville Lab for numbers and permissions. */
  breakRoom: 'Break Room Phone',
  /** Shares the start of its name with Henry Hughes. */
  henryHall: 'Henry Hall Kiosk',
  /** No Webex Calling: never listed by a search for calling workspaces. */
  boardRoom: 'Board Room',
} as const;

export function seedWorkspaceId(displayName: string): string {
  return stableHydraId('PLACES', displayName.toLowerCase());
}

const NO_NUMBERS: WebexTransferNumbers = {
  useCustomTransferNumbers: false,
  autoTransferNumber1: null,
  autoTransferNumber2: null,
  autoTransferNumber3: null,
};

function calling(
  location: { id: string },
  extension: string,
  transferNumbers: WebexTransferNumbers = NO_NUMBERS,
  permission: WebexOutgoingPermission = outgoingPermission(),
): SeedCalling {
  return {
    locationId: location.id,
    extension,
    workNumber: `+1205555${extension}`,
    transferNumbers,
    outgoingPermission: permission,
  };
}

function person(email: string, displayName: string, extra: Partial<SeedPerson> = {}): SeedPerson {
  const [firstName, ...rest] = displayName.split(' ');
  return { email, displayName, firstName, lastName: rest.join(' '), ...extra };
}

const { hq, lab, partner } = SEED_LOCATIONS;

function defaultPeople(): SeedPerson[] {
  return [
    person(SEED_EMAILS.bot, 'Transfer Bot', { type: 'bot', firstName: undefined, lastName: undefined }),
    person(SEED_EMAILS.admin, 'Avery Admin', { calling: calling(hq, '3600') }),
    person(SEED_EMAILS.agent, 'Dana Desk', { calling: calling(hq, '3610') }),
    person(SEED_EMAILS.colleague, 'Sam Support', { calling: calling(hq, '3611') }),
    person(SEED_EMAILS.alice, 'Alice Anderson', {
      calling: calling(
        hq,
        '3650',
        {
          useCustomTransferNumbers: true,
          autoTransferNumber1: '+1205553650',
          autoTransferNumber2: '+1205553651',
          autoTransferNumber3: '+1205553652',
        },
        outgoingPermission({
          INTERNATIONAL: 'TRANSFER_NUMBER_1',
          PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2',
          PREMIUM_SERVICES_II: 'TRANSFER_NUMBER_2',
          CHARGEABLE_DIRECTORY_ASSISTED: 'TRANSFER_NUMBER_3',
          OPERATOR_ASSISTED: 'BLOCK',
        }),
      ),
    }),
    person(SEED_EMAILS.bob, 'Bob Baker', {
      calling: calling(
        hq,
        '3660',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055553661', autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'BLOCK', PREMIUM_SERVICES_II: 'BLOCK' }),
      ),
    }),
    person(SEED_EMAILS.carol, 'Carol Chen', {
      calling: calling(
        lab,
        '4670',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055554671' },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', TOLL_FREE: 'ALLOW', PREMIUM_SERVICES_I: 'AUTH_CODE' }),
      ),
    }),
    person(SEED_EMAILS.dave, 'Dave Dawson', {
      calling: calling(
        lab,
        '4680',
        { useCustomTransferNumbers: true, autoTransferNumber1: '', autoTransferNumber2: '+12055554682', autoTransferNumber3: '' },
        outgoingPermission({ PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2', PREMIUM_SERVICES_II: 'TRANSFER_NUMBER_2' }),
      ),
    }),
    person(SEED_EMAILS.erin, 'Erin Evans', {
      calling: calling(
        hq,
        '3690',
        { useCustomTransferNumbers: false, autoTransferNumber1: '+12055553691', autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission(),
      ),
    }),
    person(SEED_EMAILS.frank, 'Frank Foster', {
      calling: calling(
        hq,
        '3700',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055553701', autoTransferNumber2: '+12055553702', autoTransferNumber3: null },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2', NATIONAL: 'TRANSFER_NUMBER_3' }),
      ),
    }),
    person(SEED_EMAILS.grace, 'Grace Green'),
    person(SEED_EMAILS.chrisCarter, 'Chris Carter', {
      calling: calling(
        hq,
        '3710',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055553711', autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1' }),
      ),
    }),
    person(SEED_EMAILS.chrisCooper, 'Chris Cooper', {
      calling: calling(
        lab,
        '4720',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055554721', autoTransferNumber2: '+12055554722', autoTransferNumber3: null },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_2' }),
      ),
    }),
    person(SEED_EMAILS.olga, 'Olga Orlova', {
      orgId: SEED_PARTNER_ORG.id,
      calling: {
        locationId: partner.id,
        extension: '5730',
        workNumber: '+12145555730',
        transferNumbers: { useCustomTransferNumbers: true, autoTransferNumber1: '+12145555731', autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission: outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1' }),
      },
    }),
    person(SEED_EMAILS.henry, 'Henry Hughes', { calling: calling(hq, '3740') }),
    person(SEED_EMAILS.isabel, 'Isabel Ibarra', {
      calling: calling(
        lab,
        '4750',
        { useCustomTransferNumbers: true, autoTransferNumber1: '+12055554751', autoTransferNumber2: '+12055554752', autoTransferNumber3: '+12055554753' },
        outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2', SPECIAL_SERVICES_I: 'TRANSFER_NUMBER_3' }),
      ),
    }),
    person(SEED_EMAILS.jamal, 'Jamal Jones', { calling: calling(lab, '4760') }),
    person(SEED_EMAILS.kim, 'Kim Kowalski', { calling: calling(hq, '3770') }),
    person(SEED_EMAILS.liam, 'Liam Lopez', { calling: calling(lab, '4780') }),
    person(SEED_EMAILS.maria, 'Maria Martinez', {
      calling: calling(
        hq,
        '3790',
        { useCustomTransferNumbers: true, autoTransferNumber1: null, autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission({ INTERNATIONAL: 'BLOCK' }),
      ),
    }),
    person(SEED_EMAILS.nora, 'Nora Nguyen', {
      calling: calling(lab, '4800', { useCustomTransferNumbers: true, autoTransferNumber1: '+12565554801', autoTransferNumber2: null, autoTransferNumber3: null }, outgoingPermission()),
    }),
  ];
}

function defaultWorkspaces(): SeedWorkspace[] {
  const { lobby, breakRoom, henryHall, boardRoom } = SEED_WORKSPACE_NAMES;
  return [
    {
      displayName: lobby,
      calling: {
        locationId: hq.id,
        transferNumbers: { useCustomTransferNumbers: true, autoTransferNumber1: '+12055550150', autoTransferNumber2: null, autoTransferNumber3: null },
        outgoingPermission: outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'BLOCK' }),
      },
    },
    { displayName: breakRoom, calling: { locationId: lab.id, transferNumbers: NO_NUMBERS, outgoingPermission: outgoingPermission() } },
    { displayName: henryHall, calling: { locationId: hq.id, transferNumbers: NO_NUMBERS, outgoingPermission: outgoingPermission() } },
    { displayName: boardRoom },
  ];
}

function defaultRooms(): SeedRoom[] {
  return [
    { key: SEED_ROOM_KEYS.direct, title: '', type: 'direct', members: [SEED_EMAILS.agent, SEED_EMAILS.bot] },
    { key: SEED_ROOM_KEYS.helpDesk, title: 'Help desk', type: 'group', members: [SEED_EMAILS.agent, SEED_EMAILS.colleague, SEED_EMAILS.bot] },
    { key: SEED_ROOM_KEYS.partner, title: 'Partner escalations', type: 'group', members: [SEED_EMAILS.agent, SEED_EMAILS.bot, SEED_EMAILS.olga] },
  ];
}

export function defaultSeed(): SeedData {
  return {
    orgs: [SEED_ORG, SEED_PARTNER_ORG],
    locations: Object.values(SEED_LOCATIONS),
    people: defaultPeople(),
    workspaces: defaultWorkspaces(),
    rooms: defaultRooms(),
    botEmail: SEED_EMAILS.bot,
    adminEmail: SEED_EMAILS.admin,
    agentEmail: SEED_EMAILS.agent,
    examples: [...SEED_EXAMPLES],
  };
}

/** The default seed with the given parts replaced and the extras appended. */
export function resolveSeed(options: SeedOptions = {}): SeedData {
  const { extraPeople = [], extraRooms = [], extraWorkspaces = [], ...replacements } = options;
  const base = { ...defaultSeed(), ...replacements };
  return { ...base, people: [...base.people, ...extraPeople], rooms: [...base.rooms, ...extraRooms], workspaces: [...base.workspaces, ...extraWorkspaces] };
}
