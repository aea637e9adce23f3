// One keep-alive agent per protocol for the whole process: Webex calls reuse TLS connections
// instead of paying a handshake per request.
import http from 'node:http';
import https from 'node:https';

export const sharedAgents: { readonly http: http.Agent; readonly https: https.Agent } = Object.freeze({
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
});
