/**
 * The browser side of a session. The access token lives in memory only (a
 * script injected into the page cannot find it in storage); the refresh token
 * is an httpOnly cookie the browser sends to /api/v1/auth by itself, so a
 * reload or a new tab starts with a silent refresh.
 */
export interface SessionTokens {
  accessToken: string;
  expiresIn: number;
}

const ORGANIZATION_KEY = 'staykeep.organization';
const AUTH_PATHS = [
  '/api/v1/auth/login',
  '/api/v1/auth/register',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
];

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
const tokenListeners = new Set<() => void>();

export function setSession(tokens: SessionTokens | null): void {
  accessToken = tokens?.accessToken ?? null;
  for (const listener of tokenListeners) listener();
}

/** The access token, for the one request that cannot use authFetch: the live updates' EventSource. */
export function currentAccessToken(): string | null {
  return accessToken;
}

/** Called whenever the access token changes (a refresh, a login, a logout). */
export function onAccessTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** Called when the session ends on its own (refresh refused): the app shows the login page. */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function selectedOrganization(): string | null {
  return localStorage.getItem(ORGANIZATION_KEY);
}

export function selectOrganization(organizationId: string | null): void {
  if (organizationId) localStorage.setItem(ORGANIZATION_KEY, organizationId);
  else localStorage.removeItem(ORGANIZATION_KEY);
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers
 * share one request: the server rotates the refresh token on every use.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (!response.ok) {
        setSession(null);
        return false;
      }
      setSession((await response.json()) as SessionTokens);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function withCredentials(request: Request): Request {
  const headers = new Headers(request.headers);
  if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
  const organization = selectedOrganization();
  if (organization && !headers.has('x-organization-id')) headers.set('x-organization-id', organization);
  return new Request(request, { headers });
}

/**
 * The API client's fetch: adds the access token and the chosen organization,
 * and when the access token has expired (401) refreshes it once and retries.
 */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await fetch(withCredentials(request));
  const path = new URL(request.url).pathname;
  if (response.status !== 401 || AUTH_PATHS.includes(path) || !accessToken) return response;
  if (!(await refreshSession())) {
    for (const listener of listeners) listener();
    return response;
  }
  return fetch(withCredentials(retry));
}
