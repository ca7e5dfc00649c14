import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';

/** A Pusher cluster name, as the example in a cluster field: a name, the same in every language. */
export const CLUSTER_EXAMPLE = 'eu';

/** Every field is addressed by its dotted settings path: ids, test hooks and errors all use it. */
function ids(path: string) {
  const id = `settings-${path.replace(/\./g, '-')}`;
  return { id, errorId: `${id}-error`, testId: `settings-field-${path}`, errorTestId: `settings-error-${path}` };
}

interface FieldFrameProps {
  path: string;
  label: string;
  error: string | undefined;
  hint?: string;
  children: ReactNode;
}

function FieldFrame({ path, label, error, hint, children }: FieldFrameProps) {
  const { id, errorId, errorTestId } = ids(path);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="field-error" data-testid={errorTestId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  path: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  hint?: string;
  type?: 'text' | 'number' | 'url' | 'password';
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'url';
  autoComplete?: string;
}

export function TextField({ path, label, value, error, onChange, hint, type = 'text', placeholder, inputMode, autoComplete = 'off' }: TextFieldProps) {
  const { id, errorId, testId } = ids(path);
  return (
    <FieldFrame path={path} label={label} error={error} hint={hint}>
      <input
        id={id}
        className={error ? 'input input-invalid' : 'input'}
        data-testid={testId}
        type={type}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

interface SecretFieldProps {
  path: string;
  label: string;
  /** What is typed now: empty keeps the stored secret. */
  value: string;
  /** Whether a secret is stored (the settings only say that much, never the secret). */
  set: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
  hint: string;
  /** The line under the field: "<stateLabel>: set / not set". */
  stateLabel: string;
  stateTestId: string;
}

/** A write-only secret: typed to replace the stored one, never shown, with a line saying whether one is stored. */
export function SecretField({ path, label, value, set, error, onChange, hint, stateLabel, stateTestId }: SecretFieldProps) {
  const { t } = useTranslation('settings');
  return (
    <>
      <TextField
        path={path}
        label={label}
        type="password"
        autoComplete="new-password"
        value={value}
        error={error}
        placeholder={set ? t('secret.placeholderSet') : t('secret.placeholderNotSet')}
        onChange={onChange}
        hint={hint}
      />
      <p className="token-state" data-testid={stateTestId} data-set={set ? 'true' : 'false'}>
        <Trans t={t} i18nKey="secret.state" values={{ label: stateLabel, state: set ? t('secret.set') : t('secret.notSet') }} components={{ strong: <strong /> }} />
      </p>
    </>
  );
}

interface SelectFieldProps<T extends string> {
  path: string;
  label: string;
  value: T;
  options: readonly T[];
  /** What each option reads as, when not its value (a printer's name for its id). */
  labels?: Partial<Record<T, string>>;
  error: string | undefined;
  onChange: (value: T) => void;
  hint?: string;
}

export function SelectField<T extends string>({ path, label, value, options, labels, error, onChange, hint }: SelectFieldProps<T>) {
  const { id, errorId, testId } = ids(path);
  return (
    <FieldFrame path={path} label={label} error={error} hint={hint}>
      <select
        id={id}
        className={error ? 'input input-invalid' : 'input'}
        data-testid={testId}
        value={value}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {labels?.[option] ?? option}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  path: string;
  label: string;
  checked: boolean;
  error?: string;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ path, label, checked, error, onChange }: CheckboxFieldProps) {
  const { id, errorId, testId, errorTestId } = ids(path);
  return (
    <div className={error ? 'field field-check field-invalid' : 'field field-check'}>
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" data-testid={testId} checked={checked} aria-describedby={error ? errorId : undefined} onChange={(event) => onChange(event.target.checked)} />
        <span>{label}</span>
      </label>
      {error ? (
        <p id={errorId} className="field-error" data-testid={errorTestId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface NoticeProps {
  testId: string;
  children: ReactNode;
}

/** A warning shown beside a field while it is being edited, before anything is saved. */
export function Notice({ testId, children }: NoticeProps) {
  return (
    <p className="field-notice" data-testid={testId} role="status">
      {children}
    </p>
  );
}
