import {
  AppShell,
  Burger,
  em,
  Group,
  getBreakpointValue,
  NavLink,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink } from 'react-router';
import { navigation } from '../app/navigation.ts';
import { useAuth } from '../features/auth/AuthProvider.tsx';
import { OrganizationSwitcher } from '../features/auth/OrganizationSwitcher.tsx';
import { UserMenu } from '../features/auth/UserMenu.tsx';
import { VerificationBanner } from '../features/auth/VerificationBanner.tsx';
import { LiveUpdates } from '../features/live/LiveUpdates.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import classes from './AppLayout.module.css';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const MAIN_ID = 'main-content';

export function AppLayout() {
  const { t } = useTranslation();
  const auth = useAuth();
  const theme = useMantineTheme();
  const [opened, { toggle, close }] = useDisclosure(false);
  const signedIn = auth.status === 'authenticated';
  // The same breakpoint as the AppShell's, read before the first paint so the navbar never flickers.
  const wideScreen = useMediaQuery(`(min-width: ${em(getBreakpointValue('sm', theme.breakpoints))})`, true, {
    getInitialValueInEffect: false,
  });
  const navbarShown = signedIn && (wideScreen || opened);
  const burger = useRef<HTMLButtonElement>(null);
  // The phone's navigation covers the page: Escape closes it, and the focus goes back to its button.
  useEffect(() => {
    if (!opened || wideScreen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      burger.current?.focus();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [opened, wideScreen, close]);
  const role = auth.organization?.role;
  const entries = navigation.filter(
    (entry) =>
      entry.external ||
      (signedIn &&
        (!entry.roles || (role && entry.roles.includes(role))) &&
        (!entry.instanceAdmin || auth.user?.instanceAdmin)),
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: !signedIn } }}
      padding="md"
    >
      {/* Moves focus itself rather than following the fragment, which would change the route's URL. */}
      <a
        href={`#${MAIN_ID}`}
        className={classes.skipLink}
        onClick={(event) => {
          event.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {signedIn && (
              <Burger
                ref={burger}
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.close') : t('nav.open')}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
            )}
            <Title order={1} size="h3" c="cyan.8">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                Staykeep
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Group visibleFrom="xs">
              <OrganizationSwitcher />
            </Group>
            {signedIn && <NotificationBell />}
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      {/* A collapsed navbar is only moved off-screen: inert keeps its links out of the tab order and
          away from screen readers until it is shown. */}
      <AppShell.Navbar id="main-navigation" p="sm" aria-label={t('nav.label')} inert={!navbarShown}>
        <Group hiddenFrom="xs" mb="sm">
          <OrganizationSwitcher />
        </Group>
        {entries.map((entry) =>
          entry.external ? (
            <NavLink
              key={entry.to}
              href={entry.to}
              label={t(entry.labelKey)}
              rightSection={
                <Text size="xs" c="dimmed" aria-hidden>
                  ↗
                </Text>
              }
            />
          ) : (
            <NavLink
              key={entry.to}
              component={RouterNavLink}
              to={entry.to}
              end
              label={t(entry.labelKey)}
              onClick={close}
            />
          ),
        )}
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} tabIndex={-1} className={classes.main}>
        <VerificationBanner />
        <Outlet />
      </AppShell.Main>
      {/* One event stream per signed-in tab: screens refresh when a colleague changes something. */}
      {signedIn && <LiveUpdates />}
    </AppShell>
  );
}
