import type { AppInstance } from '../src/http/types.ts';

let sequence = 0;

export interface TestSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; instanceAdmin: boolean };
  email: string;
  password: string;
}

/** Registers a new account (with its own organization) through the API. */
export async function registerUser(
  app: AppInstance,
  overrides: { email?: string; password?: string; name?: string; organizationName?: string } = {},
): Promise<TestSession> {
  sequence += 1;
  const email = overrides.email ?? `user${sequence}-${Date.now()}@example.org`;
  const password = overrides.password ?? `correct horse battery ${sequence}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email,
      password,
      name: overrides.name ?? `User ${sequence}`,
      ...(overrides.organizationName ? { organizationName: overrides.organizationName } : {}),
    },
  });
  if (response.statusCode !== 201)
    throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  return { ...response.json(), email, password };
}

export const bearer = (session: { accessToken: string }) => ({
  authorization: `Bearer ${session.accessToken}`,
});

/**
 * A new account that joined the admin's organization with `role`, through the
 * invitation API and the emailed token (read from the outbox).
 */
export async function addMember(
  app: AppInstance,
  admin: TestSession,
  role: 'admin' | 'manager' | 'staff' | 'owner',
): Promise<TestSession & { organizationId: string; headers: Record<string, string> }> {
  const member = await registerUser(app);
  const invited = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: bearer(admin),
    payload: { email: member.email, role },
  });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.body}`);
  const message = await app.db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('recipient', '=', member.email)
    .where('template', '=', 'invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = message.body_text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  const accepted = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    headers: bearer(member),
    payload: { token },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  const organizationId = accepted.json().organizationId as string;
  return { ...member, organizationId, headers: { ...bearer(member), 'x-organization-id': organizationId } };
}
