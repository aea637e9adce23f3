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
  /** Edit cards: `editId` names the proposed change (Confirm, Cancel) or the change made (Undo). */
  editConfirm: 'editConfirm',
  editCancel: 'editCancel',
  editUndo: 'editUndo',
} as const;
/** An edit card's ID of a proposed or made change: EditService makes them of 12 random bytes, base64url. */
export const CARD_EDIT_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const CARD_INPUT_TARGET = 'target';
/** How a "Refresh all" line marks a workspace ID: taken as one, as Webex listed it. */
export const WORKSPACE_ID_LINE = 'workspace-id:';
/** A workspace ID as a card sends it back: base64 characters, at most 200 of them. */
export const CARD_WORKSPACE_ID = /^[A-Za-z0-9+/_=-]{1,200}$/;
export const CARD_DATA_TARGETS = 'targets';
/** A pick button of an edit whose target named several also sends `edit`: the change (edit-change-code). */
export const CARD_DATA_EDIT = 'edit';
