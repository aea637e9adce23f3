// The emulated Webex org the bench runs in: the default seed plus help-desk agents, each in a 1:1 space with
// the bot, and many people with Webex Calling to look up (so bounded caches are actually exercised).
import {
  createEmulator,
  outgoingPermission,
  SEED_EMAILS,
  SEED_LOCATIONS,
  type Emulator,
  type SeedPerson,
  type SeedRoom,
} from '../sandbox/emulator';
import { ReplyCounter } from './reply-counter';

export const AGENT_COUNT = 40;
export const TARGET_COUNT = 1000;
/** People whose custom numbers and permissions are off: their location's apply (two more reads, one kept). */
export const FOLLOWER_COUNT = 10;

export interface Agent {
  email: string;
  /** The agent's 1:1 space with the bot. */
  roomId: string;
}

export interface World {
  emulator: Emulator;
  agents: Agent[];
  /** Emails of people with Webex Calling and transfer numbers. */
  targets: string[];
  /** Emails of people who follow their location's numbers and permissions. */
  followers: string[];
  /** Every message the bot posts, counted as it happens. */
  replies: ReplyCounter;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function agentEmail(i: number): string {
  return `bench.agent${pad(i + 1, 2)}@example.com`;
}

export function targetEmail(i: number): string {
  return `bench.person${pad(i + 1, 4)}@example.com`;
}

function agentPerson(i: number): SeedPerson {
  return { email: agentEmail(i), displayName: `Agent ${pad(i + 1, 2)}`, firstName: 'Agent', lastName: pad(i + 1, 2) };
}

function targetPerson(i: number): SeedPerson {
  const extension = String(6000 + i);
  return {
    email: targetEmail(i),
    displayName: `Person ${pad(i + 1, 4)}`,
    firstName: 'Person',
    lastName: pad(i + 1, 4),
    calling: {
      locationId: SEED_LOCATIONS.hq.id,
      extension,
      workNumber: `+1205556${pad(i, 4)}`,
      transferNumbers: {
        useCustomTransferNumbers: true,
        autoTransferNumber1: `+1205557${pad(i, 4)}`,
        autoTransferNumber2: `+1205558${pad(i, 4)}`,
        autoTransferNumber3: null,
      },
      outgoingPermission: outgoingPermission({ INTERNATIONAL: 'TRANSFER_NUMBER_1', PREMIUM_SERVICES_I: 'TRANSFER_NUMBER_2' }),
    },
  };
}

export function followerEmail(i: number): string {
  return `bench.follower${pad(i + 1, 2)}@example.com`;
}

function followerPerson(i: number): SeedPerson {
  return {
    email: followerEmail(i),
    displayName: `Follower ${pad(i + 1, 2)}`,
    calling: {
      locationId: SEED_LOCATIONS.hq.id,
      extension: String(7000 + i),
      transferNumbers: { useCustomTransferNumbers: false },
      outgoingPermission: outgoingPermission(),
    },
  };
}

function agentRoom(i: number): SeedRoom {
  return { key: `bench-agent-${pad(i + 1, 2)}`, title: '', type: 'direct', members: [agentEmail(i), SEED_EMAILS.bot] };
}

export async function startWorld(): Promise<World> {
  const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);
  const replies = new ReplyCounter();
  const emulator = createEmulator({
    logger: replies.onEmulatorLog,
    seed: {
      extraPeople: [...indexes(AGENT_COUNT).map(agentPerson), ...indexes(TARGET_COUNT).map(targetPerson), ...indexes(FOLLOWER_COUNT).map(followerPerson)],
      extraRooms: indexes(AGENT_COUNT).map(agentRoom),
    },
  });
  await emulator.listen(0, '127.0.0.1');
  const agents = indexes(AGENT_COUNT).map((i) => ({ email: agentEmail(i), roomId: emulator.rooms[agentRoom(i).key] }));
  return { emulator, agents, targets: indexes(TARGET_COUNT).map(targetEmail), followers: indexes(FOLLOWER_COUNT).map(followerEmail), replies };
}

export function lookupCommand(targetEmailAddress: string): string {
  return `transfer numbers for ${targetEmailAddress}`;
}
