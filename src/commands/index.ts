export { parseCommand, parseCardSubmit, stripMention } from './parse';
export { isOrganizationId, orgKey, MAX_ORG_ID_LENGTH } from './org-id';
export { parseTarget, cleanTargetText, isPersonId } from './target';
export { parseTargetList, splitTargetText, MAX_TARGETS } from './target-list';
export { parsePhoneQuery, cleanNumberText } from './phone-query';
export type { Command, Target, ParseContext, PhoneNumber, InvalidTargetReason, InvalidNumberReason } from './types';
