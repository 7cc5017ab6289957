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
    if (!palette) throw new Error('no palette');
    const [lightest, light, lightHover, , , , six, seven, filled, darkest] = palette as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    for (const surface of [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1], lightest]) {
      expect(contrast(filled as string, surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrast(seven as string, surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrast(six as string, surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
    for (const surface of [light, lightHover])
      expect(contrast(darkest as string, surface as string)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // Darkened no more than needed: the primary shade stays the hue it was, a little deeper.
    const before = DEFAULT_THEME.colors[name]?.[8] as string;
    expect(contrast(filled as string, WHITE)).toBeLessThanOrEqual(Math.max(contrast(before, WHITE), 5.5));
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
