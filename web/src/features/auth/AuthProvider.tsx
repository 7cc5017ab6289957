import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type Schemas, unwrap } from '../../lib/api/client.ts';
import {
  onSessionLost,
  refreshSession,
  selectedOrganization,
  selectOrganization,
  setSession,
} from '../../lib/auth/session.ts';
// The instance itself, not useTranslation's: that one is a new object at every language change, and
// depending on it would start the session over (refresh, /me, the account's language back) each time.
import i18n from '../../lib/i18n.ts';

type Me = Schemas['Me'];
type Membership = Schemas['Membership'];

export interface AuthState {
  status: 'loading' | 'authenticated' | 'anonymous';
  user: Me['user'] | null;
  memberships: Membership[];
  /** The organization requests act in: the chosen one, else the first. */
  organization: Membership | null;
  login(email: string, password: string): Promise<void>;
  register(input: {
    email: string;
    password: string;
    name: string;
    invitationToken?: string;
  }): Promise<'pending-approval' | 'registered'>;
  logout(): Promise<void>;
  switchOrganization(organizationId: string): void;
  /** Re-reads the user and memberships (after joining an organization, editing the profile…). */
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(selectedOrganization());

  const loadMe = useCallback(async () => {
    const loaded = unwrap(await api.GET('/api/v1/auth/me'));
    setMe(loaded);
    setStatus('authenticated');
    // The account's language wins over the browser's once known.
    if (loaded.user.locale !== i18n.resolvedLanguage) void i18n.changeLanguage(loaded.user.locale);
  }, []);

  const becomeAnonymous = useCallback(() => {
    setSession(null);
    setMe(null);
    setStatus('anonymous');
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    refreshSession().then(async (ok) => {
      if (cancelled) return;
      if (!ok) return setStatus('anonymous');
      try {
        await loadMe();
      } catch {
        setStatus('anonymous');
      }
    });
    const stop = onSessionLost(becomeAnonymous);
    return () => {
      cancelled = true;
      stop();
    };
  }, [loadMe, becomeAnonymous]);

  const state = useMemo<AuthState>(() => {
    const memberships = me?.memberships ?? [];
    const organization =
      memberships.find((membership) => membership.organizationId === organizationId) ??
      memberships[0] ??
      null;
    return {
      status,
      user: me?.user ?? null,
      memberships,
      organization,
      async login(email, password) {
        setSession(unwrap(await api.POST('/api/v1/auth/login', { body: { email, password } })));
        await loadMe();
      },
      async register(input) {
        const { data, response, error } = await api.POST('/api/v1/auth/register', {
          body: { ...input, locale: i18n.resolvedLanguage === 'fr' ? 'fr' : 'en' },
        });
        const outcome = unwrap({ data, response, error });
        if ('status' in outcome) return 'pending-approval';
        setSession(outcome);
        await loadMe();
        return 'registered';
      },
      async logout() {
        await api.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined);
        becomeAnonymous();
      },
      switchOrganization(id) {
        selectOrganization(id);
        setOrganizationId(id);
        // Everything cached belongs to the previous organization.
        queryClient.clear();
      },
      reload: loadMe,
    };
  }, [status, me, organizationId, loadMe, becomeAnonymous, queryClient]);

  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth is used outside <AuthProvider>');
  return state;
}
