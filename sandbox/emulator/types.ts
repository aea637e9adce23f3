// Shapes the emulator keeps and the options and records it exposes. Webex payload types come from src/webex/types.
import type { WebexLocationOutgoingPermission, WebexLocationTransferNumbers, WebexOutgoingPermission, WebexTransferNumbers } from '../../src/webex/types';

/** Whose token made a call. 'none' = missing or unknown token. */
export type CallerRole = 'bot' | 'admin' | 'user' | 'none';

export interface SeedOrg {
  id: string;
  name: string;
}

export interface SeedLocation {
  id: string;
  name: string;
  orgId: string;
  /** What "Get Outgoing Permission Auto Transfer Number" answers, verbatim; `{}` (none set) when omitted. */
  transferNumbers?: WebexLocationTransferNumbers;
  /** What "Get Location Outgoing Permission" answers; every call type ALLOW when omitted. */
  outgoingPermission?: WebexLocationOutgoingPermission;
}

/** A workspace (a common-area phone, a meeting room). */
export interface SeedWorkspace {
  displayName: string;
  /** Defaults to a stable id derived from the display name. */
  id?: string;
  /** Defaults to the first org of the seed. */
  orgId?: string;
  /** Webex Calling settings; omit for a workspace without Webex Calling (its calling type is then "none"). */
  calling?: Omit<SeedCalling, 'extension' | 'workNumber'>;
}

export interface SeedCalling {
  locationId: string;
  extension?: string;
  /** E.164 work number; omitted for extension-only users. */
  workNumber?: string;
  /** Returned verbatim by GET .../autoTransferNumbers, so null, absent and "" stay as seeded. */
  transferNumbers?: WebexTransferNumbers;
  outgoingPermission?: WebexOutgoingPermission;
}

export interface SeedPerson {
  email: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  type?: 'person' | 'bot';
  /** Defaults to the first org of the seed. */
  orgId?: string;
  /** Defaults to a stable id derived from the email. */
  id?: string;
  /** Omit for a person without Webex Calling. */
  calling?: SeedCalling;
}

export interface SeedRoom {
  /** Name used in `emulator.rooms` (e.g. 'helpDesk'). */
  key: string;
  title: string;
  type: 'direct' | 'group';
  /** Member emails. */
  members: string[];
  /** Defaults to a stable id derived from the key. */
  id?: string;
}

export interface SeedData {
  orgs: SeedOrg[];
  locations: SeedLocation[];
  people: SeedPerson[];
  workspaces: SeedWorkspace[];
  rooms: SeedRoom[];
  botEmail: string;
  adminEmail: string;
  /** The help-desk agent who uses the sandbox chat page. */
  agentEmail: string;
  /** Example commands offered by the chat page. */
  examples: string[];
}

/** Replace parts of the default seed, or add to it. */
export type SeedOptions = Partial<SeedData> & { extraPeople?: SeedPerson[]; extraRooms?: SeedRoom[]; extraWorkspaces?: SeedWorkspace[] };

export interface TokenOptions {
  bot?: string;
  admin?: string;
  /** Per-email user tokens; others get a derived default. */
  users?: Record<string, string>;
  /** Accepted by POST /access_token. */
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Issue a new refresh token on every refresh (the old one stops working). */
  rotateRefreshToken?: boolean;
}

export interface EmulatorOptions {
  seed?: SeedOptions;
  tokens?: TokenOptions;
  latencyMs?: number;
  /** expires_in of tokens issued by POST /access_token. */
  accessTokenTtlSeconds?: number;
  /** Give up on a webhook delivery after this long. */
  deliveryTimeoutMs?: number;
  clock?: () => Date;
  logger?: (line: object) => void;
}

export type FaultTokenKind = 'bot' | 'admin' | 'user';

export interface FaultSpec {
  route?: string;
  method?: string;
  /** Regular expression source matched against the path below /v1 (no query). */
  path?: string;
  status?: number;
  /** Seconds; sets Retry-After. */
  retryAfter?: number;
  errorCode?: number;
  delayMs?: number;
  /** loopLink: answered as usual, but with a Link rel="next" back to the listing's first page (a paging loop). */
  action?: 'drop' | 'hang' | 'loopLink';
  /** How many matching calls it hits; default: until cleared. */
  times?: number;
  /** Whose calls it hits; default: bot and admin calls. */
  token?: FaultTokenKind;
}

export interface FaultEntry extends FaultSpec {
  id: string;
  hits: number;
}

export interface RequestRecord {
  at: string;
  method: string;
  /** Path below /v1, without the query. */
  path: string;
  query: string;
  route: string;
  /** 0 when the connection was dropped or closed without an answer. */
  status: number;
  role: CallerRole;
  durationMs: number;
  trackingId: string;
}

export interface DeliveryRecord {
  at: string;
  webhookId: string;
  webhookName: string;
  resource: string;
  event: string;
  dataId: string;
  targetUrl: string;
  /** HTTP status of the receiver's answer; absent when it failed. */
  statusCode?: number;
  error?: string;
  durationMs: number;
}

export interface CallingSettings {
  transferNumbers: WebexTransferNumbers;
  outgoingPermission: WebexOutgoingPermission;
}

export interface RoomRecord {
  id: string;
  /** Group title; direct rooms are titled after the other member, per viewer. */
  title: string;
  type: 'direct' | 'group';
  isLocked: boolean;
  creatorId: string;
  ownerId: string;
  created: string;
  lastActivity: string;
}

export interface WebhookRecord {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  created: string;
  ownerId: string;
  orgId: string;
  appId: string;
}
