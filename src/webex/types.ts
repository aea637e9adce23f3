// Webex REST payloads this bot reads, in Webex's own field names.

export interface WebexPhoneNumber {
  type: string;
  value: string;
  primary?: boolean;
}

export interface WebexPerson {
  id: string;
  emails: string[];
  displayName: string;
  nickName?: string;
  firstName?: string;
  lastName?: string;
  orgId: string;
  type?: 'person' | 'bot' | 'appuser';
  locationId?: string;
  extension?: string;
  phoneNumbers?: WebexPhoneNumber[];
  avatar?: string;
  status?: string;
  created?: string;
}

export interface WebexPeopleList {
  items: WebexPerson[];
  notFoundIds?: string[] | null;
}

/** Body of "Retrieve Transfer Numbers for a Person". Only useCustomTransferNumbers is guaranteed. */
export interface WebexTransferNumbers {
  useCustomTransferNumbers: boolean;
  autoTransferNumber1?: string | null;
  autoTransferNumber2?: string | null;
  autoTransferNumber3?: string | null;
}

/**
 * Body of "Modify Transfer Numbers for a Person" and "... Settings for a Workspace" (TransferNumberPatch):
 * useCustomTransferNumbers is required; a number left out stays as it is, and "" clears it.
 */
export interface TransferNumbersPatch {
  useCustomTransferNumbers: boolean;
  autoTransferNumber1?: string;
  autoTransferNumber2?: string;
  autoTransferNumber3?: string;
}

export type WebexCallingAction =
  | 'ALLOW'
  | 'BLOCK'
  | 'AUTH_CODE'
  | 'TRANSFER_NUMBER_1'
  | 'TRANSFER_NUMBER_2'
  | 'TRANSFER_NUMBER_3'
  | (string & {});

export interface WebexCallingPermission {
  callType: string;
  action: WebexCallingAction;
  transferEnabled?: boolean;
  isCallTypeRestrictionEnabled?: boolean;
}

/** Body of "Retrieve a Person's Outgoing Calling Permissions Settings". */
export interface WebexOutgoingPermission {
  useCustomEnabled?: boolean;
  useCustomPermissions?: boolean;
  callingPermissions?: WebexCallingPermission[];
}

/**
 * Body of "Get Location Details" (GET /locations/{locationId}). The reference's example names it with
 * `name`; its Location schema (shared with the older workspace locations) says `displayName`: both are read.
 */
export interface WebexLocation {
  id: string;
  name?: string;
  displayName?: string;
  orgId?: string;
}

/** Body of "Get Outgoing Permission Auto Transfer Number" for a location: the numbers only, all optional. */
export interface WebexLocationTransferNumbers {
  autoTransferNumber1?: string | null;
  autoTransferNumber2?: string | null;
  autoTransferNumber3?: string | null;
}

/** Body of "Get Location Outgoing Permission". */
export interface WebexLocationOutgoingPermission {
  callingPermissions?: WebexCallingPermission[];
}

/** A workspace (List Workspaces, Get Workspace Details): only the fields this bot reads. */
export interface WebexWorkspace {
  id: string;
  displayName?: string;
  orgId?: string;
  /** Present only when set (the reference: "will only be present for workspaces that have a value set"). */
  locationId?: string;
  calling?: { type?: string };
}

export interface WebexWorkspaceList {
  items: WebexWorkspace[];
}

export interface WebexMessage {
  id: string;
  roomId: string;
  roomType?: 'direct' | 'group';
  parentId?: string;
  text?: string;
  markdown?: string;
  html?: string;
  personId: string;
  personEmail?: string;
  mentionedPeople?: string[];
  attachments?: { contentType: string; content: unknown }[];
  /** URLs of the message's file (GET them with a token of someone in the space). */
  files?: string[];
  created?: string;
}

export interface WebexAttachmentAction {
  id: string;
  type: 'submit' | string;
  messageId: string;
  personId: string;
  roomId: string;
  inputs: Record<string, unknown>;
  created?: string;
}

export interface WebexMembership {
  id: string;
  roomId: string;
  roomType?: 'direct' | 'group';
  personId: string;
  personEmail: string;
  personDisplayName?: string;
  personOrgId?: string;
  isModerator?: boolean;
  isMonitor?: boolean;
  created?: string;
}

/** The envelope Webex posts to a webhook's targetUrl. */
export interface WebexWebhookEvent {
  id: string;
  name: string;
  targetUrl?: string;
  resource: string;
  event: string;
  filter?: string;
  orgId?: string;
  createdBy?: string;
  appId?: string;
  ownedBy?: string;
  status?: string;
  created?: string;
  actorId?: string;
  data: { id: string; roomId?: string; roomType?: string; personId?: string; personEmail?: string; created?: string; [key: string]: unknown };
}
