import type { ReactNode } from 'react';

/**
 * A table wider than a phone, scrolling sideways inside its own frame. The
 * frame takes the keyboard's focus and is named, so it can be scrolled
 * without a mouse and a screen reader says what it holds (WCAG 2.1.1).
 */
export function ScrollingTable({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled.
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}
