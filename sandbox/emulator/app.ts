// The emulator's express app: Webex API under /v1, control API under /_control.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { callContext } from './call-context';
import { callPipeline, trackingHeader, type PipelineDeps } from './call-pipeline';
import { controlRouter, type ControlDeps } from './control';
import { accessTokenRoutes } from './routes/access-token';
import { attachmentActionRoutes } from './routes/attachment-actions';
import { callingRoutes } from './routes/calling';
import { locationRoutes } from './routes/locations';
import { membershipRoutes } from './routes/memberships';
import { MAX_FILE_BYTES } from './message-rules';
import { messageRoutes } from './routes/messages';
import { peopleRoutes } from './routes/people';
import type { RouteDeps } from './routes/register';
import { roomRoutes } from './routes/rooms';
import { webhookRoutes } from './routes/webhooks';
import { workspaceRoutes } from './routes/workspaces';
import { defaultMessageFor, EmulatorHttpError, sendWebexError } from './webex-error';

export interface AppDeps {
  pipeline: PipelineDeps;
  routes: RouteDeps;
  control: ControlDeps;
  now: () => string;
  log: (line: object) => void;
}

function webexApi(deps: AppDeps): express.Router {
  const v1 = express.Router();
  for (const step of callPipeline(deps.pipeline)) v1.use(step);
  accessTokenRoutes(v1, deps.routes);
  v1.use(express.json({ limit: '1mb' }));
  // POST /messages with a local file: multipart/form-data (parsed in routes/messages.ts).
  v1.use(express.raw({ type: 'multipart/form-data', limit: MAX_FILE_BYTES + 64 * 1024 }));
  peopleRoutes(v1, deps.routes);
  callingRoutes(v1, deps.routes);
  locationRoutes(v1, deps.routes);
  workspaceRoutes(v1, deps.routes);
  messageRoutes(v1, deps.routes);
  attachmentActionRoutes(v1, deps.routes);
  roomRoutes(v1, deps.routes);
  membershipRoutes(v1, deps.routes);
  webhookRoutes(v1, deps.routes, deps.now);

  v1.use((_req: Request, res: Response) => {
    sendWebexError(res, callContext(res).trackingId, new EmulatorHttpError(404, defaultMessageFor(404)));
  });
  v1.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const trackingId = callContext(res).trackingId;
    if (err instanceof EmulatorHttpError) return sendWebexError(res, trackingId, err);
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      return sendWebexError(res, trackingId, new EmulatorHttpError(400, 'The request body is not valid JSON.'));
    }
    deps.log({ msg: 'webex emulator internal error', error: err instanceof Error ? err.stack : String(err) });
    sendWebexError(res, trackingId, new EmulatorHttpError(500, defaultMessageFor(500)));
  });
  return v1;
}

export function createEmulatorApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(trackingHeader());
  app.use('/v1', webexApi(deps));
  app.use('/_control', controlRouter(deps.control));
  return app;
}
