// What the look-up use cases need from Webex. WebexAdminClient satisfies it; tests pass fakes.
import type { WebexOutgoingPermission, WebexPerson, WebexTransferNumbers } from '../webex/types';

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
  /** Pages of GET /people?callingData=true, following Link rel="next". */
  listCallingPeople(opts?: CallOptions & { pageSize?: number; onPageSizeReduced?: (change: { from: number; to: number }) => void }): AsyncIterable<WebexPerson[]>;
}
