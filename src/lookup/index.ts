export { LookupService, type LookupServiceOptions } from './service';
export { PeopleCache } from './people-cache';
export { normalizeTransferNumbers, summarizePerson } from './normalize';
export type { AdminApi, CallOptions } from './ports';
export type { LookupOutcome, PersonSummary, TransferNumbersView } from './types';
