// Findings in words, for the CSV and the report card.
import type { Finding, FindingKind } from '../org-index/types';

export function findingWords(finding: Finding): string {
  switch (finding.kind) {
    case 'numberNotSet':
      return `number ${finding.slot} used by call types but not set`;
    case 'numberNotUsed':
      return `number ${finding.slot} set but used by no call type`;
    case 'invalidNumber':
      return `number ${finding.slot} is not a valid phone number`;
    case 'customWithoutNumbers':
      return 'custom numbers on but none set';
  }
}

/** The heading of a kind on the report card. */
export function findingKindWords(kind: FindingKind): string {
  switch (kind) {
    case 'numberNotSet':
      return 'A call type transfers to a number that is not set';
    case 'numberNotUsed':
      return 'A number is set but no call type uses it';
    case 'invalidNumber':
      return 'A number is not a valid phone number';
    case 'customWithoutNumbers':
      return 'Custom numbers on, but none set';
  }
}
