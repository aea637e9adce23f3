// GET /people, /people/{id}, /people/me: filters by email (exact, any org), displayName (starts with,
// case-insensitive), id list; callingData and orgId; pages with Link rel="next".
import type { Request, Router } from 'express';
import { canSeePerson, isAdmin, requireAdmin, type Caller } from '../access';
import { callerOf } from '../call-context';
import { paginate, parseMax, queryParam } from '../pagination';
import { personView } from '../presenters';
import type { StoredPerson } from '../store';
import { badRequest, forbidden, notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';

const MAX_IDS = 85;

function wantsCallingData(req: Request, caller: Caller): boolean {
  const callingData = queryParam(req, 'callingData') === 'true';
  if (callingData) requireAdmin(caller);
  return callingData;
}

export function peopleRoutes(router: Router, { store }: RouteDeps): void {
  on(router, 'people.me', (req, res) => {
    const caller = callerOf(res);
    res.json(personView(caller.person, wantsCallingData(req, caller)));
  });

  on(router, 'people.list', (req, res) => {
    const caller = callerOf(res);
    const callingData = wantsCallingData(req, caller);
    // List People: "If callingData=true, then max will not be more than 100": a larger max is capped.
    const max = callingData ? Math.min(parseMax(req, 100, 1000), 100) : parseMax(req, 100, 1000);
    const email = queryParam(req, 'email');
    const displayName = queryParam(req, 'displayName');
    const idParam = queryParam(req, 'id');
    const orgId = queryParam(req, 'orgId');
    if (!email && !displayName && !idParam && !isAdmin(caller)) {
      throw badRequest('Email, displayName, or id list should be specified.');
    }
    if (orgId && !isAdmin(caller) && orgId !== caller.person.orgId) throw forbidden('Not authorized to list people in that organization.');
    const ids = idParam?.split(',').map((id) => id.trim()).filter(Boolean);
    if (ids && ids.length > MAX_IDS) throw badRequest(`At most ${MAX_IDS} ids may be given.`);

    const visible = (p: StoredPerson) => canSeePerson(caller, p, store);
    // Email look-ups cross orgs; name searches and "everyone" stay in one org unless orgId says otherwise.
    const inScope = (p: StoredPerson) =>
      orgId ? p.orgId === orgId : email || ids ? true : isAdmin(caller) ? p.orgId === caller.person.orgId : visible(p);
    let people = [...store.people.values()].filter((p) => inScope(p) && visible(p));
    if (ids) people = people.filter((p) => ids.includes(p.id));
    if (email) people = people.filter((p) => p.emails.some((e) => e.toLowerCase() === email.trim().toLowerCase()));
    if (displayName) people = people.filter((p) => p.displayName.toLowerCase().startsWith(displayName.toLowerCase()));

    const items = paginate(req, res, people, max).map((p) => personView(p, callingData));
    if (ids) res.json({ items, notFoundIds: ids.filter((id) => !people.some((p) => p.id === id)) });
    else res.json({ items });
  });

  on(router, 'people.get', (req, res) => {
    const caller = callerOf(res);
    const callingData = wantsCallingData(req, caller);
    const person = store.people.get(param(req, 'personId'));
    if (!person) throw notFound('Could not find a person with provided ID.');
    if (!canSeePerson(caller, person, store)) throw forbidden('Not authorized to view this person.');
    res.json(personView(person, callingData));
  });
}
