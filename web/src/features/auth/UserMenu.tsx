import { Avatar, Button, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from './AuthProvider.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** The account corner of the header: profile and logout, or a login button. */
export function UserMenu() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  if (auth.status !== 'authenticated' || !auth.user) {
    return auth.status === 'anonymous' ? (
      <Button component={Link} to="/login" size="xs" variant="light">
        {t('auth.login.submit')}
      </Button>
    ) : null;
  }
  return (
    // Inside the header rather than a portal: the open menu stays within the banner landmark.
    <Menu position="bottom-end" withinPortal={false}>
      <Menu.Target>
        <UnstyledButton
          // Named with the initials it shows, so that voice control finds it by what is on screen.
          aria-label={t('account.menu', { initials: initials(auth.user.name), name: auth.user.name })}
        >
          <Avatar color="cyan" radius="xl" size="sm">
            {initials(auth.user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {auth.user.name}
          </Text>
          <Text size="xs">{auth.user.email}</Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={async () => {
            await auth.logout();
            navigate('/login', { replace: true });
          }}
        >
          {t('account.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
