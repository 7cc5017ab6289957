import {
  Alert,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  darken,
  luminance,
  type MantineColorsTuple,
  type MantineThemeOverride,
  Menu,
  Modal,
  mergeThemeOverrides,
  Select,
} from '@mantine/core';
import classes from './theme.module.css';

/** WCAG 2.1 AA for text of normal size (1.4.3); components and large text need 3:1. */
export const TEXT_CONTRAST = 4.5;

export function contrast(foreground: string, background: string): number {
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

const WHITE = DEFAULT_THEME.white;
const GREY_SURFACES = [WHITE, DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1]];

/** The darkest of `surfaces` decides: a colour reads on all of them or it is darkened. */
function readableOn(color: string, surfaces: string[]): string {
  let result = color;
  for (let step = 1; surfaces.some((surface) => contrast(result, surface) < TEXT_CONTRAST); step++) {
    result = darken(color, step * 0.02);
  }
  return result;
}

/**
 * Mantine draws text and filled controls with shades 6–9 of a palette: text in
 * a colour and white text on a filled button or badge use shade 8 (the primary
 * shade), text on a light badge uses shade 9 on shade 1. Several default shades
 * fall short of 4.5:1 (cyan 8 on white 4.35:1, green 9 on green 1 3.81:1).
 * Each is darkened here just enough to read on white, the app's grey surfaces
 * and the palette's own tints, so every screen inherits readable colours.
 */
export function readablePalette(palette: MantineColorsTuple): MantineColorsTuple {
  const shades = [...palette];
  const tinted = [...GREY_SURFACES, palette[0]];
  // Some components write in shade 6 (a menu item's colour), so it reads too. Shades 6 to 8 may then
  // come out alike: the palette loses range, no meaning (hover states use 9 or the tints).
  shades[6] = readableOn(palette[6], tinted);
  shades[7] = readableOn(palette[7], tinted);
  shades[8] = readableOn(palette[8], tinted);
  // Light badges and their hover: shade 9 on shades 1 and 2.
  shades[9] = readableOn(palette[9], [...tinted, palette[1], palette[2]]);
  return shades as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    // `dark` is the dark scheme's background palette, and this app offers only the light scheme.
    .filter(([name]) => name !== 'dark')
    .map(([name, palette]) => [name, readablePalette(palette)]),
);

// Secondary text (Mantine's "dimmed", gray 6: 3.32:1 on white) and placeholders (gray 5):
// still lighter than body text, but readable on every grey surface.
const secondaryText = readableOn(DEFAULT_THEME.colors.gray[6], GREY_SURFACES);

export const theme = createTheme({
  colors,
  primaryColor: 'cyan',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  components: {
    // A dialog's header is a <header> outside any section, which makes it a second banner landmark
    // beside the page's: a plain element keeps one banner per page.
    ModalHeader: { defaultProps: { component: 'div' } },
    // Enter on a select whose option is already chosen must not clear it; clearable ones have a button.
    Select: Select.extend({ defaultProps: { allowDeselect: false } }),
    Alert: Alert.extend({ classNames: { message: classes.alertMessage } }),
    // Opened from the keyboard, a menu focuses its first item (the ARIA menu pattern) rather than
    // an unnamed placeholder element, which a menu may not contain.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/** The theme with the words it needs in the current language: the name of every dialog's close button. */
export function translatedTheme(closeLabel: string): MantineThemeOverride {
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      },
    }),
  );
}

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': secondaryText,
    '--mantine-color-placeholder': secondaryText,
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
