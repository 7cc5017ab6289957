import { decodeIdToken, Facebook, GitHub, Google } from 'arctic';
import * as openid from 'openid-client';
import type { OAuthClient, OAuthConfig } from '../../config.ts';

export type ProviderId = 'google' | 'github' | 'facebook' | 'oidc';

/** Who the provider says the person is. */
export interface ExternalIdentity {
  subject: string;
  email: string | null;
  /** The provider vouches that the person controls this email. */
  emailVerified: boolean;
  name: string | null;
}

export class ProviderError extends Error {
  override name = 'ProviderError';
}

/**
 * One way to log in through a third party, with the authorization code flow.
 * `state` is checked by the caller against the browser's cookie; PKCE is used
 * by every provider that supports it.
 */
export interface OAuthProvider {
  id: ProviderId;
  name: string;
  authorizationUrl(state: string, codeVerifier: string): Promise<URL>;
  identify(callbackUrl: URL, state: string, codeVerifier: string): Promise<ExternalIdentity>;
}

function codeOf(callbackUrl: URL): string {
  const error = callbackUrl.searchParams.get('error');
  if (error) throw new ProviderError(`the provider answered ${error}`);
  const code = callbackUrl.searchParams.get('code');
  if (!code) throw new ProviderError('the provider sent no code');
  return code;
}

async function getJson(url: string, accessToken: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Staykeep' },
  });
  if (!response.ok) throw new ProviderError(`${url} answered ${response.status}`);
  return response.json();
}

function googleProvider(client: OAuthClient, redirectUri: string): OAuthProvider {
  const google = new Google(client.clientId, client.clientSecret, redirectUri);
  return {
    id: 'google',
    name: 'Google',
    authorizationUrl: async (state, verifier) =>
      google.createAuthorizationURL(state, verifier, ['openid', 'email', 'profile']),
    async identify(callbackUrl, _state, verifier) {
      const tokens = await google.validateAuthorizationCode(codeOf(callbackUrl), verifier);
      // The ID token comes straight from Google's token endpoint over TLS: its claims can be read as they are.
      const claims = decodeIdToken(tokens.idToken()) as Record<string, unknown>;
      return {
        subject: String(claims.sub),
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    },
  };
}

function githubProvider(client: OAuthClient, redirectUri: string): OAuthProvider {
  const github = new GitHub(client.clientId, client.clientSecret, redirectUri);
  return {
    id: 'github',
    name: 'GitHub',
    authorizationUrl: async (state) => github.createAuthorizationURL(state, ['read:user', 'user:email']),
    async identify(callbackUrl) {
      const tokens = await github.validateAuthorizationCode(codeOf(callbackUrl));
      const user = (await getJson('https://api.github.com/user', tokens.accessToken())) as {
        id: number;
        name?: string | null;
        login: string;
      };
      const emails = (await getJson('https://api.github.com/user/emails', tokens.accessToken())) as {
        email: string;
        primary: boolean;
        verified: boolean;
      }[];
      const primary = emails.find((email) => email.primary) ?? null;
      return {
        subject: String(user.id),
        email: primary?.email ?? null,
        emailVerified: primary?.verified ?? false,
        name: user.name ?? user.login,
      };
    },
  };
}

function facebookProvider(client: OAuthClient, redirectUri: string): OAuthProvider {
  const facebook = new Facebook(client.clientId, client.clientSecret, redirectUri);
  return {
    id: 'facebook',
    name: 'Facebook',
    authorizationUrl: async (state) => facebook.createAuthorizationURL(state, ['email', 'public_profile']),
    async identify(callbackUrl) {
      const tokens = await facebook.validateAuthorizationCode(codeOf(callbackUrl));
      const url = 'https://graph.facebook.com/me?fields=id,name,email';
      const user = (await getJson(url, tokens.accessToken())) as {
        id: string;
        name?: string;
        email?: string;
      };
      // Facebook only returns an email it has confirmed.
      return {
        subject: user.id,
        email: user.email ?? null,
        emailVerified: Boolean(user.email),
        name: user.name ?? null,
      };
    },
  };
}

function oidcProvider(
  client: NonNullable<OAuthConfig['oidc']>,
  redirectUri: string,
  warn: (message: string) => void,
): OAuthProvider {
  let configuration: Promise<openid.Configuration> | undefined;
  // Discovery runs at the first use and is kept; a failure is retried next time.
  const discover = () => {
    configuration ??= (async () => {
      const issuer = new URL(client.issuer);
      const insecure = issuer.protocol === 'http:';
      if (insecure) warn(`OIDC issuer ${client.issuer} is plain HTTP: use HTTPS outside a test setup`);
      return openid.discovery(issuer, client.clientId, client.clientSecret, undefined, {
        ...(insecure ? { execute: [openid.allowInsecureRequests] } : {}),
      });
    })().catch((error: unknown) => {
      configuration = undefined;
      throw new ProviderError(
        `OIDC discovery failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return configuration;
  };
  return {
    id: 'oidc',
    name: client.name,
    async authorizationUrl(state, verifier) {
      return openid.buildAuthorizationUrl(await discover(), {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        code_challenge: await openid.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
    },
    async identify(callbackUrl, state, verifier) {
      const config = await discover();
      const tokens = await openid.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new ProviderError('the provider sent no ID token');
      const info = await openid.fetchUserInfo(config, tokens.access_token, claims.sub);
      const email = info.email ?? (typeof claims.email === 'string' ? claims.email : undefined);
      return {
        subject: claims.sub,
        email: email ?? null,
        emailVerified: (info.email_verified ?? claims.email_verified) === true,
        name: info.name ?? (typeof claims.name === 'string' ? claims.name : null),
      };
    },
  };
}

/** The providers enabled by the configuration, by id. */
export function enabledProviders(
  config: OAuthConfig,
  publicUrl: string,
  warn: (message: string) => void,
): Map<ProviderId, OAuthProvider> {
  const redirect = (id: ProviderId) => `${publicUrl}/api/v1/auth/oauth/${id}/callback`;
  const providers: OAuthProvider[] = [
    ...(config.google ? [googleProvider(config.google, redirect('google'))] : []),
    ...(config.github ? [githubProvider(config.github, redirect('github'))] : []),
    ...(config.facebook ? [facebookProvider(config.facebook, redirect('facebook'))] : []),
    ...(config.oidc ? [oidcProvider(config.oidc, redirect('oidc'), warn)] : []),
  ];
  return new Map(providers.map((provider) => [provider.id, provider]));
}
