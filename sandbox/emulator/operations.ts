// The changes callers can make (post/delete messages, submit cards, add/remove members). HTTP routes and the
// in-process API share them, so both produce the same records and the same webhook events.
import type { WebexAttachmentAction, WebexMembership, WebexMessage } from '../../src/webex/types';
import type { Caller } from './access';
import { requireRoomMember } from './access';
import type { EventSink } from './events';
import { newHydraId } from './ids';
import { parseMarkdown } from './mentions';
import { parseMessageInput, type MessageDestination, type UploadedFile } from './message-rules';
import { compact } from './presenters';
import type { EmulatorStore, StoredPerson } from './store';
import type { RoomRecord } from './types';
import { badRequest, EmulatorHttpError, forbidden, notFound } from './webex-error';

export type CreatedMessage = WebexMessage & { toPersonId?: string; toPersonEmail?: string };

export class Operations {
  constructor(
    private readonly store: EmulatorStore,
    private readonly now: () => string,
    private readonly emit: EventSink,
  ) {}

  /** `upload`: a file sent with multipart/form-data, and the URL it will be served at given its content ID. */
  postMessage(caller: Caller, rawBody: unknown, upload?: { file: UploadedFile; urlOf: (contentId: string) => string }): CreatedMessage {
    const input = parseMessageInput(rawBody, upload?.file);
    const room = this.destinationRoom(caller, input.destination);
    if (input.parentId !== undefined) {
      const parent = this.store.message(input.parentId);
      if (!parent || parent.roomId !== room.id) throw badRequest('parentId must be a message in the same room.');
    }
    const author = caller.person;
    const parsed =
      input.markdown !== undefined
        ? parseMarkdown(input.markdown, (kind, value) => {
            const found = kind === 'personId' ? this.store.people.get(value) : this.store.personByEmail(value);
            return found && { id: found.id, displayName: found.displayName };
          })
        : undefined;
    // The bot's own text is kept as sent; a user's text is what the client derives from the markdown.
    const text = caller.role === 'bot' && input.text !== undefined ? input.text : (parsed?.text ?? input.text);
    const created = this.now();
    const message: WebexMessage = compact({
      id: newHydraId('MESSAGE'),
      roomId: room.id,
      roomType: room.type,
      parentId: input.parentId,
      text,
      markdown: input.markdown,
      html: parsed?.html,
      personId: author.id,
      personEmail: author.emails[0],
      mentionedPeople: parsed?.mentionedPeople.length ? parsed.mentionedPeople : undefined,
      attachments: input.attachments,
      files: input.file && upload ? [upload.urlOf(this.store.addContent(input.file, room.id))] : undefined,
      created,
    });
    this.store.addMessage(message);
    room.lastActivity = created;
    this.emit({ resource: 'messages', event: 'created', actorId: author.id, roomId: room.id, message });
    return compact({ ...message, ...('roomId' in input.destination ? {} : input.destination) });
  }

  deleteMessage(caller: Caller, messageId: string): void {
    const message = this.visibleMessage(caller, messageId);
    const membership = this.store.membershipOf(message.roomId, caller.person.id);
    if (message.personId !== caller.person.id && !membership?.isModerator) {
      throw forbidden('Only the author or a moderator may delete this message.');
    }
    this.store.removeMessage(message);
    this.emit({ resource: 'messages', event: 'deleted', actorId: caller.person.id, roomId: message.roomId, message });
  }

  visibleMessage(caller: Caller, messageId: string): WebexMessage {
    const message = this.store.message(messageId);
    if (!message || !this.store.isMember(message.roomId, caller.person.id)) throw notFound('Could not find a message with provided ID.');
    return message;
  }

  submitAction(caller: Caller, rawBody: unknown): WebexAttachmentAction {
    const body = (rawBody ?? {}) as Record<string, unknown>;
    if (body.type !== 'submit') throw badRequest("type must be 'submit'.");
    if (typeof body.messageId !== 'string' || body.messageId === '') throw badRequest('messageId is required.');
    const inputs = body.inputs ?? {};
    if (typeof inputs !== 'object' || Array.isArray(inputs)) throw badRequest('inputs must be an object.');
    const message = this.visibleMessage(caller, body.messageId);
    if (!message.attachments?.length) throw badRequest('The message has no card to submit.');
    const action: WebexAttachmentAction = {
      id: newHydraId('ATTACHMENT_ACTION'),
      type: 'submit',
      messageId: message.id,
      inputs: inputs as Record<string, unknown>,
      personId: caller.person.id,
      roomId: message.roomId,
      created: this.now(),
    };
    this.store.actions.set(action.id, action);
    this.emit({
      resource: 'attachmentActions',
      event: 'created',
      actorId: caller.person.id,
      roomId: message.roomId,
      action,
      cardAuthorId: message.personId,
    });
    return action;
  }

  addMember(caller: Caller, roomId: string, who: { personId?: string; personEmail?: string }, isModerator = false): WebexMembership {
    requireRoomMember(caller, roomId, this.store);
    const room = this.store.rooms.get(roomId) as RoomRecord;
    if (room.type === 'direct') throw forbidden('Members cannot be added to a direct room.');
    const person = who.personId ? this.store.people.get(who.personId) : who.personEmail ? this.store.personByEmail(who.personEmail) : undefined;
    if (!who.personId && !who.personEmail) throw badRequest('personId or personEmail is required.');
    if (!person) throw notFound('Could not find a person with provided ID or email.');
    if (this.store.isMember(roomId, person.id)) throw new EmulatorHttpError(409, 'Person is already in the room.');
    const membership = this.store.addMembership(roomId, person.id, this.now(), isModerator);
    this.emit({ resource: 'memberships', event: 'created', actorId: caller.person.id, roomId, membership });
    return membership;
  }

  removeMember(caller: Caller, membershipId: string): void {
    const membership = this.visibleMembership(caller, membershipId);
    const own = this.store.membershipOf(membership.roomId, caller.person.id);
    // As in Webex: anyone in an unlocked space may remove others; a locked (moderated) space needs a moderator.
    const locked = this.store.rooms.get(membership.roomId)?.isLocked ?? false;
    if (membership.personId !== caller.person.id && locked && !own?.isModerator) {
      throw forbidden('Only moderators may remove other members of a locked space.');
    }
    this.store.memberships.delete(membership.id);
    this.emit({ resource: 'memberships', event: 'deleted', actorId: caller.person.id, roomId: membership.roomId, membership });
  }

  visibleMembership(caller: Caller, membershipId: string): WebexMembership {
    const membership = this.store.memberships.get(membershipId);
    if (!membership || !this.store.isMember(membership.roomId, caller.person.id)) {
      throw notFound('Could not find a membership with provided ID.');
    }
    return membership;
  }

  private destinationRoom(caller: Caller, destination: MessageDestination): RoomRecord {
    if ('roomId' in destination) {
      requireRoomMember(caller, destination.roomId, this.store);
      return this.store.rooms.get(destination.roomId) as RoomRecord;
    }
    const other =
      'toPersonId' in destination ? this.store.people.get(destination.toPersonId) : this.store.personByEmail(destination.toPersonEmail);
    if (!other) throw notFound('Could not find a person with provided ID or email.');
    if (other.id === caller.person.id) throw badRequest('Cannot send a direct message to yourself.');
    return this.store.directRoomBetween(caller.person.id, other.id) ?? this.createDirectRoom(caller.person, other);
  }

  private createDirectRoom(a: StoredPerson, b: StoredPerson): RoomRecord {
    const created = this.now();
    const room: RoomRecord = {
      id: newHydraId('ROOM'),
      title: '',
      type: 'direct',
      isLocked: false,
      creatorId: a.id,
      ownerId: a.orgId,
      created,
      lastActivity: created,
    };
    this.store.rooms.set(room.id, room);
    // Webex announces both memberships of a new 1:1 space.
    for (const person of [a, b]) {
      const membership = this.store.addMembership(room.id, person.id, created);
      this.emit({ resource: 'memberships', event: 'created', actorId: a.id, roomId: room.id, membership });
    }
    return room;
  }
}
