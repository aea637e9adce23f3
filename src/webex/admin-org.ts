// Which organization the admin token serves. Read from GET /people/me; a token that may not read it
// (403/404: service apps, some integrations) falls back to DEFAULT_ORG_ID. Start-up and
// `npm run doctor` decide the same way and say the same words.
import type { WebexAdminClient } from './admin-client';
import { isWebexApiError } from './errors';

export type AdminOrg =
  | { ok: true; orgId: string; from: 'people/me' | 'DEFAULT_ORG_ID'; refusedStatus?: number }
  | { ok: false; message: string; unexpected?: unknown };

export async function resolveAdminOrg(admin: Pick<WebexAdminClient, 'getMe'>, defaultOrgId: string | undefined): Promise<AdminOrg> {
  try {
    const me = await admin.getMe();
    if (typeof me.orgId === 'string' && me.orgId !== '') return { ok: true, orgId: me.orgId, from: 'people/me' };
    if (defaultOrgId) return { ok: true, orgId: defaultOrgId, from: 'DEFAULT_ORG_ID' };
    return { ok: false, message: 'Webex did not say which organization WEBEX_ADMIN_TOKEN belongs to (GET /people/me has no orgId): set DEFAULT_ORG_ID' };
  } catch (err) {
    if (isWebexApiError(err) && err.status === 401) {
      return { ok: false, message: `WEBEX_ADMIN_TOKEN was rejected by Webex (401${err.trackingId ? `, tracking ID ${err.trackingId}` : ''}): renew the token` };
    }
    if (isWebexApiError(err) && (err.status === 403 || err.status === 404)) {
      if (defaultOrgId) return { ok: true, orgId: defaultOrgId, from: 'DEFAULT_ORG_ID', refusedStatus: err.status };
      return {
        ok: false,
        message: `WEBEX_ADMIN_TOKEN may not read GET /people/me (${err.status}), so the bot cannot tell which organization it serves: set DEFAULT_ORG_ID to that organization's ID`,
      };
    }
    return { ok: false, message: `Could not verify WEBEX_ADMIN_TOKEN with Webex: ${isWebexApiError(err) ? err.message : 'unexpected error'}`, unexpected: err };
  }
}
