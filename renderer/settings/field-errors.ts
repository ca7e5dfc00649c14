/** Refusals by field: the dotted settings path (`realtime.port`, `printers.0.interface`) → reason. */
export type FieldErrors = Record<string, string>;

export interface IssueLike {
  path?: readonly PropertyKey[] | string;
  message: string;
}

/**
 * The form field a path belongs to. Lists typed into one text field (stations) are one field, so
 * `display.stations.2` is reported on `display.stations`.
 */
export function fieldPath(path: IssueLike['path']): string {
  if (path === undefined) return '';
  const dotted = typeof path === 'string' ? path : path.map((part) => String(part)).join('.');
  return dotted.replace(/(^|\.)(stations)\.\d+$/, '$1$2');
}

/** One message per field (the first one: it is usually the most basic problem). */
export function fieldErrorsFromIssues(issues: readonly IssueLike[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = fieldPath(issue.path) || FORM_LEVEL;
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Key for a refusal that belongs to no single field. */
export const FORM_LEVEL = '_form';

function isIssueLike(value: unknown): value is IssueLike {
  return typeof value === 'object' && value !== null && typeof (value as IssueLike).message === 'string';
}

/**
 * Field errors from a server-side VALIDATION_FAILED refusal. The agent sends zod issues in
 * `details`, either as the array itself or as `{ issues: [...] }`; anything else yields no fields.
 */
export function fieldErrorsFromDetails(details: unknown): FieldErrors {
  const issues = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  return fieldErrorsFromIssues(issues.filter(isIssueLike));
}
