// In-process Webex stand-in: the fixture for integration tests and the offline sandbox.
export { createEmulator } from './emulator';
export type { Emulator, EmulatorPeople, EmulatorRooms } from './emulator';
export type { WaitForBotMessages } from './bot-message-waiter';
export type { ChatSession } from './control';
export {
  SEED_EMAILS,
  SEED_EXAMPLES,
  SEED_LOCATIONS,
  SEED_ORG,
  SEED_PARTNER_ORG,
  SEED_ROOMS,
  SEED_TOKENS,
  SEED_WORKSPACE_NAMES,
  callingPermissions,
  defaultSeed,
  defaultUserToken,
  outgoingPermission,
  seedPersonId,
  seedRoomId,
  seedWorkspaceId,
} from './seed';
export { signature as webhookSignature } from './webhook-delivery';
export { ROUTES, type RouteName } from './route-table';
export { NO_CALLING_ERROR_CODE } from './routes/calling';
export type {
  CallerRole,
  DeliveryRecord,
  EmulatorOptions,
  FaultSpec,
  FaultEntry,
  RequestRecord,
  SeedData,
  SeedOptions,
  SeedPerson,
  SeedRoom,
  SeedWorkspace,
  SeedLocation,
  SeedCalling,
  TokenOptions,
} from './types';
