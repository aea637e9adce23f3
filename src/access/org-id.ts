// Webex organization IDs come in two spellings: the API's base64 form
// (base64 of "ciscospark://us/ORGANIZATION/<uuid>") and the bare UUID that Control Hub shows.
// Comparing by the UUID lets deployers paste either form into ALLOWED_ORG_IDS.

const ORG_URI = /^ciscospark:\/\/[^/]+\/ORGANIZATION\/([0-9a-f-]{8,})$/i;
const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A comparison key for an organization ID: its UUID in lower case, or the trimmed ID when it is neither form. */
export function orgKey(orgId: string): string {
  const id = orgId.trim();
  if (UUID.test(id)) return id.toLowerCase();
  if (BASE64ISH.test(id)) {
    const decoded = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const m = ORG_URI.exec(decoded);
    if (m) return m[1].toLowerCase();
  }
  return id;
}
