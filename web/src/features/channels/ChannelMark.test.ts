import { DEFAULT_THEME } from '@mantine/core';
import { expect, it } from 'vitest';
import { contrast, TEXT_CONTRAST } from '../../app/theme.ts';
import { CHANNEL_COLORS } from './ChannelMark.tsx';

it.each(Object.entries(CHANNEL_COLORS))('writes white on the %s colour at WCAG AA', (_, color) => {
  expect(contrast(DEFAULT_THEME.white, color)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
});
