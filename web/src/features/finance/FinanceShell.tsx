import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../../components/States.tsx';
import { useFinanceAccess } from './use-finance.ts';

/**
 * The frame of the finance pages: the page's title, the links between the
 * ledger, the summary and the month close (managers), and the page's own
 * buttons. Staff see no money: they get a sentence instead of the page.
 */
export function FinanceShell({
  title,
  subtitle,
  actions,
  children,
}: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const access = useFinanceAccess();
  const { pathname } = useLocation();
  if (!access.read)
    return (
      <Stack gap="lg">
        <Title order={2}>{t('finance.title')}</Title>
        <EmptyState title={t('finance.forbidden')} />
      </Stack>
    );
  const links = [
    { to: '/finance', label: t('finance.ledger') },
    { to: '/finance/summary', label: t('finance.summary.title') },
    { to: '/finance/statements', label: t('statements.title') },
    ...(access.write ? [{ to: '/finance/closings', label: t('finance.closings.title') }] : []),
  ];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={2}>{title}</Title>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      <nav aria-label={t('finance.sections')}>
        <Group gap="xs">
          {links.map((link) => {
            const current = pathname === link.to;
            return (
              <Button
                key={link.to}
                component={Link}
                to={link.to}
                variant={current ? 'filled' : 'light'}
                aria-current={current ? 'page' : undefined}
              >
                {link.label}
              </Button>
            );
          })}
        </Group>
      </nav>
      {children}
    </Stack>
  );
}
