// The emulator's world: people, calling settings, rooms, memberships, messages, card submits and webhooks.
// Plain in-memory maps; routes and the in-process API both go through operations.ts to change it.
import type { WebexAttachmentAction, WebexMembership, WebexMessage, WebexPerson, WebexWorkspace } from '../../src/webex/types';
import { membershipId, newHydraId } from './ids';
import { seedPersonId, seedRoomId, seedWorkspaceId } from './seed';
import type { UploadedFile } from './message-rules';
import type { CallingSettings, RoomRecord, SeedData, SeedLocation, SeedOrg, SeedPerson, SeedWorkspace, WebhookRecord } from './types';

/** A person as stored: calling fields included; presenters drop them when callingData is not asked for. */
export type StoredPerson = WebexPerson & { created: string };

export class EmulatorStore {
  readonly orgs = new Map<string, SeedOrg>();
  readonly locations = new Map<string, SeedLocation>();
  readonly people = new Map<string, StoredPerson>();
  /** Calling settings of people and workspaces, by their ID. */
  readonly calling = new Map<string, CallingSettings>();
  readonly workspaces = new Map<string, WebexWorkspace & { created: string }>();
  readonly rooms = new Map<string, RoomRecord>();
  readonly roomKeys = new Map<string, string>();
  readonly memberships = new Map<string, WebexMembership>();
  /** Oldest first. */
  readonly messages: WebexMessage[] = [];
  readonly actions = new Map<string, WebexAttachmentAction>();
  readonly webhooks = new Map<string, WebhookRecord>();
  /** Uploaded files by content ID, with the space whose members may download them. */
  readonly contents = new Map<string, UploadedFile & { roomId: string }>();

  constructor(readonly seed: SeedData, seedTime: string) {
    for (const org of seed.orgs) this.orgs.set(org.id, org);
    for (const location of seed.locations) this.locations.set(location.id, location);
    for (const p of seed.people) this.addPerson(p, seedTime);
    for (const w of seed.workspaces ?? []) this.addWorkspace(w, seedTime);
    for (const room of seed.rooms) {
      const id = room.id ?? seedRoomId(room.key);
      const memberIds = room.members.map((email) => this.requirePersonByEmail(email).id);
      this.rooms.set(id, {
        id,
        title: room.title,
        type: room.type,
        isLocked: false,
        creatorId: memberIds[0],
        ownerId: this.people.get(memberIds[0])?.orgId ?? '',
        created: seedTime,
        lastActivity: seedTime,
      });
      this.roomKeys.set(room.key, id);
      for (const personId of memberIds) this.addMembership(id, personId, seedTime);
    }
  }

  addPerson(p: SeedPerson, created: string): StoredPerson {
    const id = p.id ?? seedPersonId(p.email);
    const stored: StoredPerson = {
      id,
      emails: [p.email],
      displayName: p.displayName,
      nickName: p.firstName,
      firstName: p.firstName,
      lastName: p.lastName,
      orgId: p.orgId ?? this.seed.orgs[0]?.id ?? '',
      type: p.type ?? 'person',
      status: 'active',
      created,
    };
    if (p.calling) {
      stored.locationId = p.calling.locationId;
      stored.extension = p.calling.extension;
      if (p.calling.workNumber) stored.phoneNumbers = [{ type: 'work', value: p.calling.workNumber, primary: true }];
      this.calling.set(id, {
        transferNumbers: p.calling.transferNumbers ?? { useCustomTransferNumbers: false },
        outgoingPermission: p.calling.outgoingPermission ?? { useCustomEnabled: false, useCustomPermissions: false, callingPermissions: [] },
      });
    }
    this.people.set(id, stored);
    return stored;
  }

  addWorkspace(w: SeedWorkspace, created: string): WebexWorkspace {
    const id = w.id ?? seedWorkspaceId(w.displayName);
    const stored: WebexWorkspace & { created: string } = {
      id,
      orgId: w.orgId ?? this.seed.orgs[0]?.id ?? '',
      displayName: w.displayName,
      // List Workspaces: locationId "will only be present for workspaces that have a value set".
      ...(w.calling ? { locationId: w.calling.locationId } : {}),
      calling: { type: w.calling ? 'webexCalling' : 'none' },
      created,
    };
    if (w.calling) {
      this.calling.set(id, {
        transferNumbers: w.calling.transferNumbers ?? { useCustomTransferNumbers: false },
        outgoingPermission: w.calling.outgoingPermission ?? { useCustomEnabled: false, useCustomPermissions: false, callingPermissions: [] },
      });
    }
    this.workspaces.set(id, stored);
    return stored;
  }

  /** Keeps an uploaded file; returns its content ID. */
  addContent(file: UploadedFile, roomId: string): string {
    const id = newHydraId('CONTENT');
    this.contents.set(id, { ...file, roomId });
    return id;
  }

  personByEmail(email: string): StoredPerson | undefined {
    const wanted = email.trim().toLowerCase();
    for (const p of this.people.values()) if (p.emails.some((e) => e.toLowerCase() === wanted)) return p;
    return undefined;
  }

  requirePersonByEmail(email: string): StoredPerson {
    const found = this.personByEmail(email);
    if (!found) throw new Error(`No seeded person with email ${email}`);
    return found;
  }

  addMembership(roomId: string, personId: string, created: string, isModerator = false): WebexMembership {
    const room = this.rooms.get(roomId);
    const person = this.people.get(personId);
    if (!room || !person) throw new Error('addMembership needs an existing room and person');
    const membership: WebexMembership = {
      id: membershipId(personId, roomId),
      roomId,
      roomType: room.type,
      personId,
      personEmail: person.emails[0],
      personDisplayName: person.displayName,
      personOrgId: person.orgId,
      isModerator,
      isMonitor: false,
      created,
    };
    this.memberships.set(membership.id, membership);
    return membership;
  }

  membersOf(roomId: string): WebexMembership[] {
    return [...this.memberships.values()].filter((m) => m.roomId === roomId);
  }

  membershipOf(roomId: string, personId: string): WebexMembership | undefined {
    return this.memberships.get(membershipId(personId, roomId));
  }

  isMember(roomId: string, personId: string): boolean {
    return this.membershipOf(roomId, personId) !== undefined;
  }

  roomsOf(personId: string): RoomRecord[] {
    return [...this.rooms.values()].filter((room) => this.isMember(room.id, personId));
  }

  directRoomBetween(a: string, b: string): RoomRecord | undefined {
    return [...this.rooms.values()].find((room) => room.type === 'direct' && this.isMember(room.id, a) && this.isMember(room.id, b));
  }

  private readonly messagesById = new Map<string, WebexMessage>();

  addMessage(message: WebexMessage): void {
    this.messages.push(message);
    this.messagesById.set(message.id, message);
  }

  removeMessage(message: WebexMessage): void {
    const at = this.messages.indexOf(message);
    if (at >= 0) this.messages.splice(at, 1);
    this.messagesById.delete(message.id);
  }

  /** By id in constant time: the bot fetches every message it is told about. */
  message(id: string): WebexMessage | undefined {
    return this.messagesById.get(id);
  }

  sharesRoom(a: string, b: string): boolean {
    return [...this.rooms.keys()].some((roomId) => this.isMember(roomId, a) && this.isMember(roomId, b));
  }
}
