import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface ProviderUser {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  user: ProviderUser;
  used: boolean;
}

/**
 * A small OpenID Connect provider on 127.0.0.1 for tests: discovery,
 * authorize (approves at once, as `currentUser`), token (PKCE S256, codes are
 * single use), JWKS and user info. Real HTTP, real signatures.
 */
export async function startOidcProvider(client: { clientId: string; clientSecret: string }) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, ProviderUser>();
  const state = {
    currentUser: {
      sub: 'user-1',
      email: 'someone@example.org',
      email_verified: true,
      name: 'Someone',
    } as ProviderUser,
  };
  let issuer = '';

  const readBody = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    return new URLSearchParams(body);
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      if (
        url.searchParams.get('client_id') !== client.clientId ||
        url.searchParams.get('code_challenge_method') !== 'S256'
      ) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        clientId: client.clientId,
        redirectUri,
        codeChallenge: url.searchParams.get('code_challenge') ?? '',
        user: { ...state.currentUser },
        used: false,
      });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      target.searchParams.set('state', url.searchParams.get('state') ?? '');
      target.searchParams.set('iss', issuer);
      response.writeHead(302, { location: target.href }).end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = await readBody(request);
      const basic = request.headers.authorization?.match(/^Basic (.+)$/)?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      if (id !== client.clientId || secret !== client.clientSecret)
        return json(401, { error: 'invalid_client' });
      const issued = codes.get(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (
        !issued ||
        issued.used ||
        issued.redirectUri !== form.get('redirect_uri') ||
        issued.codeChallenge !== challenge
      ) {
        return json(400, { error: 'invalid_grant' });
      }
      issued.used = true;
      const accessToken = randomBytes(16).toString('hex');
      accessTokens.set(accessToken, issued.user);
      const idToken = await new SignJWT({
        email: issued.user.email,
        email_verified: issued.user.email_verified,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(client.clientId)
        .setSubject(issued.user.sub)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return json(200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
    }
    if (url.pathname === '/userinfo') {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const user = accessTokens.get(token);
      if (!user) return json(401, { error: 'invalid_token' });
      return json(200, user);
    }
    json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
