// The Webex scopes the bot's features need, named once so every check says them the same way. An
// optional feature that needs more adds a row to OPTIONAL_FEATURES: the doctor then checks its
// scope when the feature is configured.
import type { Config } from '../config';
import type { WebexAdminClient } from '../webex/admin-client';

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
  /** Tries one read or dry run that needs the scope; rejects with the WebexApiError Webex gave. */
  probe(admin: WebexAdminClient, target: { personId: string; orgId?: string }): Promise<void>;
}

/** No optional feature exists yet: look-ups and "who transfers to" need the scopes above (workspaces_read for workspaces). */
export const OPTIONAL_FEATURES: readonly OptionalFeature[] = [];
