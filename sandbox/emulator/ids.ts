// Webex-shaped ids: base64url (no padding) of `ciscospark://us/<KIND>/<uuid>`, as the real API and the JS SDK use.
import { createHash, randomUUID } from 'node:crypto';

export type HydraKind =
  | 'PEOPLE'
  | 'ORGANIZATION'
  | 'LOCATION'
  | 'PLACES'
  | 'CONTENT'
  | 'ROOM'
  | 'MESSAGE'
  | 'MEMBERSHIP'
  | 'WEBHOOK'
  | 'ATTACHMENT_ACTION'
  | 'APPLICATION';

export function hydraId(kind: HydraKind, uuid: string): string {
  return Buffer.from(`ciscospark://us/${kind}/${uuid}`).toString('base64url');
}

/** A uuid derived from a key, so seeded ids stay the same from run to run. */
export function stableUuid(key: string): string {
  const hex = createHash('sha1').update(`webex-emulator:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function stableHydraId(kind: HydraKind, key: string): string {
  return hydraId(kind, stableUuid(`${kind}:${key}`));
}

export function newHydraId(kind: HydraKind): string {
  return hydraId(kind, randomUUID());
}

/** The uuid inside a hydra id, or undefined when the id is not one. */
export function uuidOf(id: string): string | undefined {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^ciscospark:\/\/[a-z0-9]+\/[A-Z_]+\/(.+)$/.exec(decoded);
  return match?.[1];
}

export function membershipId(personId: string, roomId: string): string {
  return hydraId('MEMBERSHIP', `${uuidOf(personId) ?? personId}:${uuidOf(roomId) ?? roomId}`);
}

export function newTrackingId(): string {
  return `EMU_${randomUUID()}`;
}
