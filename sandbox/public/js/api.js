// The page is a Webex client of the emulator: the REST API as the help-desk agent, plus the emulator's control API.
const WEBEX_BASE = '/sandbox/webex/v1';
const CONTROL_BASE = '/sandbox/webex/_control';

export class ApiError extends Error {
  constructor(message, status, trackingId) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.trackingId = trackingId;
  }
}

async function request(url, { method = 'GET', token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const message = (data && typeof data.message === 'string' && data.message) || `HTTP ${res.status}`;
    throw new ApiError(message, res.status, res.headers.get('trackingid') || (data && data.trackingId) || undefined);
  }
  return data;
}

export const control = {
  session: () => request(`${CONTROL_BASE}/session`),
  listFaults: () => request(`${CONTROL_BASE}/faults`),
  addFault: (fault) => request(`${CONTROL_BASE}/faults`, { method: 'POST', body: fault }),
  clearFaults: () => request(`${CONTROL_BASE}/faults`, { method: 'DELETE' }),
};

/** Webex REST calls made with the agent's own token. */
export function webexClient(token) {
  return {
    listMessages: (roomId, max = 50) =>
      request(`${WEBEX_BASE}/messages?${new URLSearchParams({ roomId, max: String(max) })}`, { token }),
    postMessage: (roomId, markdown) => request(`${WEBEX_BASE}/messages`, { method: 'POST', token, body: { roomId, markdown } }),
    submitCard: (messageId, inputs) =>
      request(`${WEBEX_BASE}/attachment/actions`, { method: 'POST', token, body: { type: 'submit', messageId, inputs } }),
    getPerson: (personId) => request(`${WEBEX_BASE}/people/${encodeURIComponent(personId)}`, { token }),
    /** A message's file: { blob, name }. The URL may name the emulator's own port; its content ID is what counts. */
    downloadFile: async (fileUrl) => {
      const id = /\/contents\/([^/?#]+)$/.exec(String(fileUrl))?.[1];
      if (!id) throw new ApiError('Not a file of this sandbox', 0);
      const res = await fetch(`${WEBEX_BASE}/contents/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new ApiError(`HTTP ${res.status}`, res.status, res.headers.get('trackingid') || undefined);
      const name = /filename="([^"]*)"/.exec(res.headers.get('content-disposition') || '')?.[1] || 'file';
      return { blob: await res.blob(), name };
    },
  };
}
