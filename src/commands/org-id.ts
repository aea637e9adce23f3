// What an organization ID looks like. Webex's API reference gives orgId as a string of at most 128
// characters: the base64 (often URL-safe, unpadded) of "ciscospark://<region>/ORGANIZATION/<uuid>".
// Control Hub shows the bare UUID, which deployers paste too. Anything else ("../../people/me?") is
// not sent to Webex: it would end up in a URL.

export const MAX_ORG_ID_LENGTH = 128;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ORG_URI = /^ciscospark:\/\/[a-z0-9-]+\/ORGANIZATION\/[0-9a-f-]{8,}$/i;
const ORG_URI_WITH_UUID = /^ciscospark:\/\/[^/]+\/ORGANIZATION\/([0-9a-f-]{8,})$/i;

export function isOrganizationId(value: string): boolean {
  if (value.length === 0 || value.length > MAX_ORG_ID_LENGTH) return false;
  if (UUID.test(value)) return true;
  if (!BASE64ISH.test(value)) return false;
  const decoded = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return ORG_URI.test(decoded);
}

/**
 * A comparison key for an organization ID: its UUID in lower case, or the trimmed ID when it is
 * neither form. Comparing by the UUID lets deployers paste either spelling into the variables.
 */
export function orgKey(orgId: string): string {
  const id = orgId.trim();
  if (UUID.test(id)) return id.toLowerCase();
  if (BASE64ISH.test(id)) {
    const decoded = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const m = ORG_URI_WITH_UUID.exec(decoded);
    if (m) return m[1].toLowerCase();
  }
  return id;
}
