// Things that happen in the emulated world and may be delivered to webhooks.
import type { WebexAttachmentAction, WebexMembership, WebexMessage } from '../../src/webex/types';

export type WorldEvent =
  | { resource: 'messages'; event: 'created' | 'deleted'; actorId: string; roomId: string; message: WebexMessage }
  | { resource: 'attachmentActions'; event: 'created'; actorId: string; roomId: string; action: WebexAttachmentAction; cardAuthorId: string }
  | { resource: 'memberships'; event: 'created' | 'deleted'; actorId: string; roomId: string; membership: WebexMembership };

export type EventSink = (event: WorldEvent) => void;
