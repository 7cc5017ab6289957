import { ROLES, type Role } from '../db/tables.ts';

/**
 * Who may call a route, declared on the route as `config: { policy }`:
 * - `public`: anyone, no credentials;
 * - `authenticated`: any logged-in user, whatever their organization;
 * - `instance-admin`: an instance administrator;
 * - a list of roles: a member of the current organization with one of them.
 * Every route under /api/v1 must declare one: the app refuses to start otherwise.
 */
export type Policy = 'public' | 'authenticated' | 'instance-admin' | readonly Role[];

// The role sets every module speaks of, named once.
/** Every member of the organization, whatever their role. */
export const ALL_ROLES: readonly Role[] = ROLES;
/** The people who work the houses: managers and their staff, not the owners. */
export const TEAM: readonly Role[] = ['admin', 'manager', 'staff'];
/** Those who run the organization's houses, stays and team. */
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
/** Those who see money: managers, and owners for their own houses (staff never do). */
export const MONEY_READERS: readonly Role[] = ['admin', 'manager', 'owner'];
/** The organization's administrators. */
export const ADMINS: readonly Role[] = ['admin'];

/** A user acting in one organization, with their role there: what every service is handed. */
export interface Member {
  userId: string;
  organizationId: string;
  role: Role;
}
