// Webex outgoing-permission call types in plain words. Webex adds call types now and then (older
// orgs also have LOCAL and TOLL): an unknown one is shown by its code rather than hidden.

export const CALL_TYPE_WORDS: Readonly<Record<string, string>> = {
  INTERNAL_CALL: 'Internal',
  TOLL_FREE: 'Toll free',
  INTERNATIONAL: 'International',
  OPERATOR_ASSISTED: 'Operator assisted',
  CHARGEABLE_DIRECTORY_ASSISTED: 'Chargeable directory assistance',
  SPECIAL_SERVICES_I: 'Special services I',
  SPECIAL_SERVICES_II: 'Special services II',
  PREMIUM_SERVICES_I: 'Premium services I',
  PREMIUM_SERVICES_II: 'Premium services II',
  NATIONAL: 'National',
  LOCAL: 'Local',
  TOLL: 'Toll',
};

/** The call type in words, or its code when unknown. Unescaped: the code comes from Webex. */
export function callTypeWords(code: string): string {
  return Object.hasOwn(CALL_TYPE_WORDS, code) ? CALL_TYPE_WORDS[code] : code;
}
