// What the agent asked for (an email, a person or workspace ID, a name), in words for a card.
import type { Target } from '../commands/types';
import { escapeEmail, escapeIdentifier, escapeMarkdown } from './escape';

export interface TargetWords {
  /** The searched value, escaped for markdown. */
  query: string;
  /** A phrase naming what was searched, e.g. 'the email address “alice@example.com”'. */
  searched: string;
  /** What to try next when nothing was found. */
  nextStep: string;
}

export function describeTarget(target: Target): TargetWords {
  switch (target.kind) {
    case 'email': {
      const query = escapeEmail(target.email);
      return {
        query,
        searched: `the email address “${query}”`,
        nextStep: 'Check the spelling of the email address, or try their display name.',
      };
    }
    case 'personId': {
      const query = escapeIdentifier(target.id);
      return {
        query,
        searched: `the person ID “${query}”`,
        nextStep: 'Check that the person ID was copied whole, or try their email address.',
      };
    }
    case 'name': {
      const query = escapeMarkdown(target.name, 120);
      return {
        query,
        searched: `people and workspaces whose name starts with “${query}”`,
        nextStep: 'Check the spelling, or try their email address.',
      };
    }
    case 'workspaceName': {
      const query = escapeMarkdown(target.name, 120);
      return {
        query,
        searched: `Webex Calling workspaces named “${query}”`,
        nextStep: 'Check the spelling of the workspace name as Control Hub shows it, or paste its workspace ID.',
      };
    }
    case 'workspaceId': {
      const query = escapeIdentifier(target.id);
      return {
        query,
        searched: `the workspace ID “${query}”`,
        nextStep: 'Check that the workspace ID was copied whole, or try the workspace name.',
      };
    }
    default:
      return { query: '', searched: 'what you typed', nextStep: 'Try their email address.' };
  }
}
