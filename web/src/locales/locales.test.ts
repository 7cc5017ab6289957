import { expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

/** Every translation key as a dotted path. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

it('has every English text in French and nothing French-only', () => {
  const french = new Set(keys(fr));
  const english = new Set(keys(en));
  expect([...english].filter((key) => !french.has(key))).toEqual([]);
  expect([...french].filter((key) => !english.has(key))).toEqual([]);
});
