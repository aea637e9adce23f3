// One keep-alive agent per protocol for the whole process: Webex calls reuse TLS connections instead of
// paying a handshake per request. These are Node's global agents (keep-alive by default since Node 19),
// which the Webex SDK's HTTP layer also uses, so the framework's calls and the admin client's share
// one pool of connections.
import http from 'node:http';
import https from 'node:https';

export const sharedAgents: { readonly http: http.Agent; readonly https: https.Agent } = Object.freeze({
  http: http.globalAgent,
  https: https.globalAgent,
});
