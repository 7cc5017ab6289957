import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, cssVariablesResolver, TEXT_CONTRAST, theme } from './theme.ts';

const WHITE = DEFAULT_THEME.white;

describe('the theme reads at WCAG 2.1 AA', () => {
  const palettes = Object.entries(theme.colors ?? {});

  it('covers every palette but the dark scheme one', () => {
    expect(palettes.map(([name]) => name).sort()).toEqual(
      Object.keys(DEFAULT_THEME.colors)
        .filter((name) => name !== 'dark')
        .sort(),
    );
  });

  it.each(palettes)('%s: white text on filled controls, coloured text, light badges', (name, palette) => {
    const shade = (index: number) => palette?.[index] as string;
    for (const surface of [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1], shade(0)]) {
      // 8 is the primary shade (filled controls, coloured text); 6 and 7 colour some components' text.
      for (const index of [6, 7, 8])
        expect(contrast(shade(index), surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
    // A light badge: shade 9 on shade 1, and on shade 2 when hovered.
    for (const tint of [1, 2]) expect(contrast(shade(9), shade(tint))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // Darkened no more than needed: the primary shade stays the hue it was, a little deeper.
    const before = DEFAULT_THEME.colors[name]?.[8] as string;
    expect(contrast(shade(8), WHITE)).toBeLessThanOrEqual(Math.max(contrast(before, WHITE), 5.5));
  });

  it('makes secondary text and placeholders readable on the grey surfaces', () => {
    const { light } = cssVariablesResolver(theme as never);
    const secondary = light['--mantine-color-dimmed'] as string;
    expect(light['--mantine-color-placeholder']).toBe(secondary);
    for (const surface of [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1]])
      expect(contrast(secondary, surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // Still secondary: lighter than body text.
    expect(contrast(secondary, WHITE)).toBeLessThan(contrast(DEFAULT_THEME.black, WHITE));
  });
});
