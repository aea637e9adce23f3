// What the look-up use cases need from Webex. WebexAdminClient satisfies it; tests pass fakes.
import type {
  WebexLocation,
  WebexLocationOutgoingPermission,
  WebexLocationTransferNumbers,
  WebexOutgoingPermission,
  WebexPerson,
  WebexTransferNumbers,
  WebexWorkspace,
} from '../webex/types';

export interface CallOptions {
  orgId?: string;
  /** Epoch ms after which no retry may start. */
  deadline?: number;
  /** Read from Webex, not from caches (Refresh). */
  fresh?: boolean;
}

export interface AdminApi {
  findPeopleByEmail(email: string, opts?: CallOptions): Promise<WebexPerson[]>;
  findPeopleByDisplayName(prefix: string, opts?: CallOptions & { max?: number }): Promise<{ people: WebexPerson[]; more: boolean }>;
  getPerson(id: string, opts?: CallOptions): Promise<WebexPerson>;
  getTransferNumbers(personId: string, opts?: CallOptions): Promise<WebexTransferNumbers>;
  /** GET /people/{id}/features/outgoingPermission (scope spark-admin:people_read). */
  getOutgoingPermission(personId: string, opts?: CallOptions): Promise<WebexOutgoingPermission>;
  /** GET /locations/{id}: its name (spark-admin:people_read is enough). */
  getLocation(locationId: string, opts?: CallOptions): Promise<WebexLocation>;
  /** The location's numbers: what applies to its people without custom numbers (telephony_config_read). */
  getLocationTransferNumbers(locationId: string, opts?: CallOptions): Promise<WebexLocationTransferNumbers>;
  /** The location's outgoing permissions: what applies to its people without custom permissions. */
  getLocationOutgoingPermission(locationId: string, opts?: CallOptions): Promise<WebexLocationOutgoingPermission>;
  /** Webex Calling workspaces by display name (spark-admin:workspaces_read). */
  findWorkspacesByDisplayName(name: string, opts?: CallOptions & { max?: number }): Promise<{ workspaces: WebexWorkspace[]; more: boolean }>;
  getWorkspace(workspaceId: string, opts?: CallOptions): Promise<WebexWorkspace>;
  /** Pages of the org's Webex Calling workspaces (for "who transfers to"). */
  listCallingWorkspacePages(opts?: CallOptions): AsyncIterable<WebexWorkspace[]>;
  getWorkspaceTransferNumbers(workspaceId: string, opts?: CallOptions): Promise<WebexTransferNumbers>;
  getWorkspaceOutgoingPermission(workspaceId: string, opts?: CallOptions): Promise<WebexOutgoingPermission>;
  /** Pages of GET /people?callingData=true, following Link rel="next". */
  listCallingPeople(opts?: CallOptions & { pageSize?: number; onPageSizeReduced?: (change: { from: number; to: number }) => void }): AsyncIterable<WebexPerson[]>;
}
