import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** A form's error that belongs to no single field, announced to screen readers. */
export function FailureAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="red" role="alert">
      {children}
    </Alert>
  );
}
