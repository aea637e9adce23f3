export { parseCommand, parseCardSubmit, stripMention } from './parse';
export { parseTarget, cleanTargetText, describeTarget, isPersonId } from './target';
export type { Command, Target, ParseContext } from './types';
