import type { Schemas } from '../lib/api/client.ts';

/**
 * The main navigation. Each module adds its entry here as it lands; `labelKey`
 * is a translation key, `roles` limits an entry to some roles of the current
 * organization, `external` links leave the single-page app.
 */
export interface NavigationEntry {
  to: string;
  labelKey: string;
  roles?: Schemas['Role'][];
  /** Only for instance administrators. */
  instanceAdmin?: boolean;
  external?: boolean;
}

export const navigation: NavigationEntry[] = [
  { to: '/', labelKey: 'nav.home' },
  { to: '/today', labelKey: 'nav.today' },
  { to: '/calendar', labelKey: 'nav.calendar' },
  { to: '/houses', labelKey: 'nav.houses' },
  { to: '/maintenance', labelKey: 'nav.maintenance' },
  { to: '/guests', labelKey: 'nav.guests', roles: ['admin', 'manager'] },
  { to: '/finance', labelKey: 'nav.finance', roles: ['admin', 'manager', 'owner'] },
  { to: '/analytics', labelKey: 'nav.analytics', roles: ['admin', 'manager', 'owner'] },
  { to: '/checklist-template', labelKey: 'nav.checklistTemplate', roles: ['admin', 'manager'] },
  { to: '/members', labelKey: 'nav.members', roles: ['admin', 'manager'] },
  { to: '/settings', labelKey: 'nav.settings', roles: ['admin'] },
  { to: '/audit', labelKey: 'nav.audit', roles: ['admin'] },
  { to: '/profile', labelKey: 'nav.profile' },
  { to: '/admin', labelKey: 'nav.admin', instanceAdmin: true },
  { to: '/api/docs', labelKey: 'nav.apiDocs', external: true },
];
