// The Webex scopes the bot's features need, named once so every check says them the same way. An
// optional feature that needs more adds a row to OPTIONAL_FEATURES: the doctor then checks its
// scope when the feature is configured.
import type { Config } from '../config';
import type { WebexAdminClient } from '../webex/admin-client';
import { isWebexApiError } from '../webex/errors';
import type { TransferNumbersPatch } from '../webex/types';

export const PEOPLE_READ = 'spark-admin:people_read';
export const TELEPHONY_CONFIG_READ = 'spark-admin:telephony_config_read';
/** Workspace look-ups (common-area phones); without it, names are searched among people only. */
export const WORKSPACES_READ = 'spark-admin:workspaces_read';

export interface OptionalFeature {
  /** In words, e.g. "edits of transfer numbers". */
  name: string;
  /** The variable that turns it on, for the report. */
  enabledBy: string;
  isEnabled(config: Config): boolean;
  scope: string;
  /** The feature writes: a read-only administrator's token cannot have the scope. */
  writes?: boolean;
  /** Tries one read or dry run that needs the scope; rejects with the WebexApiError Webex gave. */
  probe(admin: WebexAdminClient, target: { personId: string; orgId?: string }): Promise<void>;
}

export const TELEPHONY_CONFIG_WRITE = 'spark-admin:telephony_config_write';
export const WORKSPACES_WRITE = 'spark-admin:workspaces_write';

/**
 * IDs of the right shape that name no one: the write probes send an incomplete body (no
 * useCustomTransferNumbers, which the reference requires) to no one, so nothing can change whatever
 * Webex makes of it.
 */
const NO_PERSON_ID = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA';
const NO_WORKSPACE_ID = 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA';
const INCOMPLETE_PATCH = {} as TransferNumbersPatch;

/**
 * A write that cannot succeed: 403 means the token lacks the scope, while 400 or 404 mean it got past
 * that check. UNCONFIRMED: the reference does not say in which order Webex checks scope, body and ID;
 * this assumes the scope first, as its API gateway refuses a token before the service sees the request.
 */
async function dryWrite(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (isWebexApiError(err) && (err.status === 400 || err.status === 404)) return;
    throw err;
  }
}

const editsOn = (config: Config): boolean => config.allowedEditors.length > 0;

/** Look-ups and "who transfers to" need the scopes above (workspaces_read for workspaces); edits need these. */
export const OPTIONAL_FEATURES: readonly OptionalFeature[] = [
  {
    name: "Edits of people's transfer numbers",
    enabledBy: 'ALLOWED_EDITORS',
    isEnabled: editsOn,
    scope: TELEPHONY_CONFIG_WRITE,
    writes: true,
    probe: (admin, target) => dryWrite(() => admin.setTransferNumbers(NO_PERSON_ID, INCOMPLETE_PATCH, { orgId: target.orgId })),
  },
  {
    name: "Edits of workspaces' transfer numbers",
    enabledBy: 'ALLOWED_EDITORS',
    isEnabled: editsOn,
    scope: WORKSPACES_WRITE,
    writes: true,
    probe: (admin, target) => dryWrite(() => admin.setWorkspaceTransferNumbers(NO_WORKSPACE_ID, INCOMPLETE_PATCH, { orgId: target.orgId })),
  },
];
