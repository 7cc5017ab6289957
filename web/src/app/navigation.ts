/**
 * The main navigation. Each module adds its entry here as it lands; `labelKey`
 * is a translation key, `external` links leave the single-page app.
 */
export interface NavigationEntry {
  to: string;
  labelKey: string;
  external?: boolean;
}

export const navigation: NavigationEntry[] = [
  { to: '/', labelKey: 'nav.home' },
  { to: '/api/docs', labelKey: 'nav.apiDocs', external: true },
];
