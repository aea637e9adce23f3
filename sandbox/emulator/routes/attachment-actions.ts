// Card submits: a user creates one on a card message; the card's author (the bot) and the submitter can read it.
import type { Router } from 'express';
import { callerOf } from '../call-context';
import { notFound } from '../webex-error';
import { on, param, type RouteDeps } from './register';

export function attachmentActionRoutes(router: Router, { store, ops }: RouteDeps): void {
  on(router, 'attachmentActions.create', (req, res) => {
    // The official spec answers 202 Accepted here.
    res.status(202).json(ops.submitAction(callerOf(res), req.body));
  });

  on(router, 'attachmentActions.get', (req, res) => {
    const caller = callerOf(res);
    const action = store.actions.get(param(req, 'actionId'));
    const cardAuthor = action && store.message(action.messageId)?.personId;
    if (!action || (action.personId !== caller.person.id && cardAuthor !== caller.person.id)) {
      throw notFound('Could not find an attachment action with provided ID.');
    }
    res.json(action);
  });
}
