// The checks of what look-ups read beyond a person's own settings: their location's defaults (numbers,
// outgoing permissions, name) and workspaces. A missing workspaces scope or location name is a warning:
// look-ups still answer, with less.
import { isWebexApiError } from '../webex/errors';
import type { WebexPerson } from '../webex/types';
import { answered, fail, orgOption, pass, scopeFailure, skip, type DoctorContext } from './checks';
import { PEOPLE_READ, TELEPHONY_CONFIG_READ, WORKSPACES_READ } from './scopes';
import type { CheckResult } from './types';

const warn = (id: string, title: string, found: string, fix: string): CheckResult => ({ id, title, status: 'warn', found, fix });

/**
 * On the calling user the doctor read: their location's transfer numbers and outgoing permissions (what
 * applies to everyone there without custom ones) and the location's name.
 */
export async function checkLocationDefaults(ctx: DoctorContext, homeOrgId: string, person: WebexPerson | undefined): Promise<CheckResult[]> {
  const title = `Reads location defaults (${TELEPHONY_CONFIG_READ})`;
  const namesTitle = `Reads location names (${PEOPLE_READ})`;
  const locationId = typeof person?.locationId === 'string' && person.locationId !== '' ? person.locationId : undefined;
  if (!person || !locationId) {
    const why = 'not checked: no Webex Calling user with a location to try it on';
    return [skip('locationDefaults', title, why), skip('locationNames', namesTitle, why)];
  }
  const org = orgOption(person, homeOrgId);
  const results: CheckResult[] = [];
  try {
    await ctx.admin.getLocationTransferNumbers(locationId, org);
    await ctx.admin.getLocationOutgoingPermission(locationId, org);
    results.push(pass('locationDefaults', title, `read the transfer numbers and outgoing permissions of the location of ${person.emails?.[0] ?? person.displayName}`));
  } catch (err) {
    results.push(scopeFailure('locationDefaults', title, err, TELEPHONY_CONFIG_READ));
  }
  try {
    const location = await ctx.admin.getLocation(locationId, org);
    results.push(pass('locationNames', namesTitle, `read the name of location ${location.name ?? location.displayName ?? locationId}`));
  } catch (err) {
    results.push(
      isWebexApiError(err) && err.status === 403
        ? warn('locationNames', namesTitle, 'Webex refused (403): cards will name locations by their ID', `Give the admin token ${PEOPLE_READ} (or spark-admin:locations_read).`)
        : warn('locationNames', namesTitle, `could not check it: ${answered(err)}`, 'Check that Webex is reachable from here, then run the doctor again.'),
    );
  }
  return results;
}

/** Lists Webex Calling workspaces: without the scope, a name is looked for among people only. */
export async function checkWorkspacesRead(ctx: DoctorContext): Promise<CheckResult> {
  const title = `Reads workspaces (${WORKSPACES_READ})`;
  try {
    const found = await ctx.admin.listCallingWorkspaces({ orgId: ctx.config.defaultOrgId });
    return pass('workspacesRead', title, found.length > 0 ? 'listed Webex Calling workspaces' : 'may list workspaces (there are no Webex Calling workspaces yet)');
  } catch (err) {
    if (isWebexApiError(err) && err.status === 403) {
      return warn(
        'workspacesRead',
        title,
        'Webex refused (403): look-ups of workspaces (common-area phones) will not work, and names are searched among people only',
        `Add ${WORKSPACES_READ} to the admin token's scopes (or the integration's or service app's) to look up workspaces.`,
      );
    }
    return fail('workspacesRead', title, `could not check it: ${answered(err)}`, 'Check the admin token and that Webex is reachable from here, then run the doctor again.');
  }
}
