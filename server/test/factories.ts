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
