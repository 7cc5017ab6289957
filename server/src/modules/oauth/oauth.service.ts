import { randomBytes } from 'node:crypto';
import { generateCodeVerifier } from 'arctic';
import { type Db, inTransaction } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { findUserById } from '../auth/auth.repository.ts';
import type { AuthService, ClientInfo, Session } from '../auth/auth.service.ts';
import {
  deleteUserProvider,
  findLinkedUserId,
  insertUserProvider,
  listUserProviders,
} from './oauth.repository.ts';
import type { OAuthProvider, ProviderId } from './providers.ts';

/** What the browser keeps (in a signed cookie) between leaving for the provider and coming back. */
export interface PendingFlow {
  provider: ProviderId;
  state: string;
  codeVerifier: string;
  mode: 'login' | 'link';
  /** The account a provider is being linked to. */
  userId?: string;
  next: string;
}

export type FlowOutcome =
  | { kind: 'session'; session: Session; next: string }
  | { kind: 'linked'; next: string }
  | { kind: 'failed'; code: string; mode: 'login' | 'link'; cause?: unknown };

export class OAuthService {
  readonly #db: Db;
  readonly #providers: Map<ProviderId, OAuthProvider>;
  readonly #auth: AuthService;
  readonly #now: () => Date;

  constructor(options: {
    db: Db;
    providers: Map<ProviderId, OAuthProvider>;
    auth: AuthService;
    now: () => Date;
  }) {
    this.#db = options.db;
    this.#providers = options.providers;
    this.#auth = options.auth;
    this.#now = options.now;
  }

  listProviders(): { id: ProviderId; name: string }[] {
    return [...this.#providers.values()].map((provider) => ({ id: provider.id, name: provider.name }));
  }

  #provider(id: string): OAuthProvider {
    const provider = this.#providers.get(id as ProviderId);
    if (!provider) throw notFound('This login provider is not enabled.');
    return provider;
  }

  /** Starts the authorization code flow: where to send the browser, and what it must bring back. */
  async begin(
    providerId: string,
    intent: { mode: 'login' | 'link'; userId?: string; next: string },
  ): Promise<{ authorizationUrl: string; flow: PendingFlow }> {
    const provider = this.#provider(providerId);
    const flow: PendingFlow = {
      provider: provider.id,
      state: randomBytes(24).toString('base64url'),
      codeVerifier: generateCodeVerifier(),
      ...intent,
    };
    const url = await provider.authorizationUrl(flow.state, flow.codeVerifier);
    return { authorizationUrl: url.href, flow };
  }

  /**
   * Finishes the flow when the provider sends the browser back. A known
   * subject logs its user in; an unknown one creates an account, unless its
   * email already belongs to one: that account must log in with its password
   * and link the provider from its profile (no silent takeover by email).
   */
  async complete(
    providerId: string,
    callbackUrl: URL,
    flow: PendingFlow | null,
    client: ClientInfo,
  ): Promise<FlowOutcome> {
    const mode = flow?.mode ?? 'login';
    const fail = (code: string): FlowOutcome => ({ kind: 'failed', code, mode });
    const provider = this.#provider(providerId);
    if (!flow || flow.provider !== provider.id || callbackUrl.searchParams.get('state') !== flow.state) {
      return fail('invalid-state');
    }

    let identity: Awaited<ReturnType<OAuthProvider['identify']>>;
    try {
      identity = await provider.identify(callbackUrl, flow.state, flow.codeVerifier);
    } catch (error) {
      // A refused or replayed code, an unreachable provider, a bad signature: all end the same way.
      await this.#auth.recordExternalAttempt(
        { provider: provider.id, email: null, userId: null, success: false },
        client,
      );
      return { kind: 'failed', code: 'provider-error', mode, cause: error };
    }

    const linkedUserId = await findLinkedUserId(this.#db, provider.id, identity.subject);
    if (flow.mode === 'link') {
      if (!flow.userId) return fail('invalid-state');
      if (linkedUserId && linkedUserId !== flow.userId) return fail('already-linked');
      if (!linkedUserId) {
        await inTransaction(this.#db, (tx) =>
          insertUserProvider(tx, {
            id: newId(),
            userId: flow.userId ?? '',
            provider: provider.id,
            subject: identity.subject,
            email: identity.email?.toLowerCase() ?? null,
            now: this.#now().toISOString(),
          }),
        );
      }
      return { kind: 'linked', next: flow.next };
    }

    if (linkedUserId) {
      const user = await findUserById(this.#db, linkedUserId);
      const success = user?.active === true;
      await this.#auth.recordExternalAttempt(
        { provider: provider.id, email: user?.email ?? null, userId: linkedUserId, success },
        client,
      );
      if (!success) return fail('account-disabled');
      return { kind: 'session', session: await this.#auth.sessionFor(linkedUserId), next: flow.next };
    }

    const outcome = await this.#auth.registerExternal(provider.id, identity);
    await this.#auth.recordExternalAttempt(
      {
        provider: provider.id,
        email:
          outcome.kind === 'created' ? outcome.session.user.email : (identity.email?.toLowerCase() ?? null),
        userId: outcome.kind === 'created' ? outcome.session.user.id : null,
        success: outcome.kind === 'created',
      },
      client,
    );
    if (outcome.kind !== 'created') return fail(outcome.kind);
    return { kind: 'session', session: outcome.session, next: flow.next };
  }

  async listLinked(userId: string) {
    return listUserProviders(this.#db, userId);
  }

  /** Unlinks a provider while another way to log in remains (a password or another provider). */
  async unlink(userId: string, providerId: string): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const user = await findUserById(tx, userId);
      const linked = await listUserProviders(tx, userId);
      if (!linked.some((link) => link.provider === providerId))
        throw notFound('This provider is not linked.');
      if (!user?.password_hash && linked.length <= 1) {
        throw conflict(
          'last-login-method',
          'This is your only way to log in: set a password (forgot password) or link another provider first.',
        );
      }
      await deleteUserProvider(tx, userId, providerId);
    });
  }
}
