import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { ApiError, type FieldError } from './api/problem.ts';
import {
  errorSummary,
  FIELD_ERROR_CODES,
  translatedFieldErrors,
  translateFieldError,
} from './form-errors.ts';

const translators: Record<'en' | 'fr', TFunction> = {} as never;
beforeAll(async () => {
  for (const language of ['en', 'fr'] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng: language,
      resources: { en: { translation: en }, fr: { translation: fr } },
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    translators[language] = instance.t;
  }
});

const problem = (errors: FieldError[]) =>
  new ApiError({
    type: 'urn:staykeep:problem:validation-error',
    title: 'Bad Request',
    status: 400,
    detail: 'The request is not valid.',
    errors,
  });

describe('field errors from the API', () => {
  it.each(['en', 'fr'] as const)('has a sentence in %s for every code the API documents', (language) => {
    const t = translators[language];
    for (const code of FIELD_ERROR_CODES) {
      const sentence = translateFieldError(t, { path: 'body.x', code, message: 'raw', limit: 42 });
      expect(sentence, code).not.toBe(`errors.${code}`);
      expect(sentence, code).not.toMatch(/\{\{|raw/);
      if (code.startsWith('too-') && code !== 'too-many-guests') expect(sentence, code).toContain('42');
    }
  });

  it('shows French sentences in French, never the server’s English', () => {
    const errors = translatedFieldErrors(
      translators.fr,
      problem([
        { path: 'body.name', code: 'too-long', limit: 200, message: 'must be at most 200 characters' },
        {
          path: 'body.timezone',
          code: 'invalid-time-zone',
          message: 'is not an IANA time zone, like Europe/Paris',
        },
        {
          path: 'body.nightlyPrice',
          code: 'invalid-amount',
          message: 'must be an amount with at most two decimals',
        },
      ]),
    );
    expect(errors).toEqual({
      name: 'Au plus 200 caractères',
      timezone: 'Choisissez un fuseau horaire dans la liste',
      nightlyPrice: 'Un montant positif ou nul, avec au plus deux décimales, comme 150 ou 150,50',
    });
  });

  it('gives a code newer than the app a generic sentence in the user’s language', () => {
    const newer = { path: 'body.x', code: 'too-shiny', message: 'is too shiny' } as unknown as FieldError;
    expect(translateFieldError(translators.fr, newer)).toBe('Cette valeur n’est pas valide');
    expect(translateFieldError(translators.en, newer)).toBe('This value is not valid');
  });

  it('sums up a problem of no field in the user’s language, even one the app does not know', () => {
    const unknown = new ApiError({
      type: 'urn:staykeep:problem:something-new',
      title: 'Conflict',
      status: 409,
      detail: 'Something new happened.',
    });
    expect(errorSummary(translators.fr, unknown)).toMatch(/^Un problème est survenu/);
    expect(errorSummary(translators.fr, problem([]))).toMatch(/^Certaines valeurs ne sont pas valides/);
  });
});
