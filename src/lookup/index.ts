export { LookupService, DEFAULT_LOOKUP_CONCURRENCY, type LookupServiceOptions } from './service';
export { ReverseIndex, DEFAULT_REVERSE_TTL_MS, type ReverseIndexOptions, type ReverseFindOptions } from './reverse-index';
export { PeopleCache } from './people-cache';
export { normalizeTransferNumbers, summarizePerson } from './normalize';
export { transferUsage } from './usage';
export { phoneNumberOf, samePhoneNumber, DEFAULT_PHONE_COUNTRY } from './phone-number';
export { ConcurrencyLimit, mapInOrder } from './concurrency';
export type { AdminApi, CallOptions } from './ports';
export type {
  LookupManyEntry,
  LookupManyResult,
  LookupOutcome,
  PersonSummary,
  ReverseMatch,
  ReverseResult,
  ReverseScanProgress,
  SlotFlag,
  SlotUsage,
  TransferNumbersView,
  TransferSlot,
  TransferUsage,
} from './types';
