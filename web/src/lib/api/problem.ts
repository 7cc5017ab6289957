import type { components } from './schema.gen.ts';

/** What is wrong with one field: a code to translate, its parameters, and an English sentence. */
export type FieldError = components['schemas']['FieldError'];
export type FieldErrorCode = FieldError['code'];

/** An RFC 9457 problem, as every error of the API is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  /** The problem's short code, e.g. `email-taken` for urn:staykeep:problem:email-taken. */
  get code(): string {
    return this.problem.type.split(':').at(-1) ?? '';
  }
}

/**
 * Field errors of a 400 answer, keyed by field name (`body.password` →
 * `password`), for forms to show next to each field.
 */
export function fieldErrors(error: unknown): Record<string, FieldError> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    (error.problem.errors ?? []).map((item) => [item.path.replace(/^body\./, ''), item]),
  );
}
