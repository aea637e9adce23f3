// Webex-shaped IDs for the access tests.

export const HOME_ORG_UUID = '1eb65fdf-9643-417f-9974-ad72cae0e10f';
export const PARTNER_ORG_UUID = '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01';
export const OTHER_ORG_UUID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

/** The API's form of an organization ID: base64 of its URI, without padding. */
export function orgId(uuid: string): string {
  return Buffer.from(`ciscospark://us/ORGANIZATION/${uuid}`).toString('base64').replace(/=+$/, '');
}

export function personId(name: string): string {
  return Buffer.from(`ciscospark://us/PEOPLE/${name}`).toString('base64').replace(/=+$/, '');
}

export const HOME_ORG = orgId(HOME_ORG_UUID);
export const PARTNER_ORG = orgId(PARTNER_ORG_UUID);
export const OTHER_ORG = orgId(OTHER_ORG_UUID);
