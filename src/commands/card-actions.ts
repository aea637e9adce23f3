// What our cards send back when a button is pressed: shared by the cards that build the buttons and
// the parser that reads the submits, so it lives with the commands (cards import commands, not back).

/**
 * Keys of the Action.Submit `data` objects on our cards; the card form's input id is `target`.
 * Buttons of a look-up made in another org also send `orgId`; a workspace's buttons send `workspaceId`
 * where a person's send `personId` and `email`.
 */
export const CARD_ACTION = {
  lookup: 'lookup',
  pick: 'pick',
  refresh: 'refresh',
  /** "Refresh all" on the several-people card; `targets` holds one person or workspace ID, email or name per line. */
  refreshMany: 'refreshMany',
} as const;
export const CARD_INPUT_TARGET = 'target';
export const CARD_DATA_TARGETS = 'targets';
