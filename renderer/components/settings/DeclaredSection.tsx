import { useTranslation } from 'react-i18next';
import type { DeclaredField, DeclaredSectionForm } from '../../../common/connector-catalog.js';
import { newSecretRow, type DeclaredSectionState, type SecretRow } from '../../settings/declared-form.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import { CheckboxField, TextField } from './fields.js';

interface DeclaredSectionProps {
  form: DeclaredSectionForm;
  state: DeclaredSectionState;
  errors: FieldErrors;
  /** The new state, and the settings path the edit touched (its errors are cleared). */
  onChange: (state: DeclaredSectionState, touched: string) => void;
}

/**
 * A connector's own settings section, built from the fields its registry module declares
 * (common/connector-catalog.ts): a new connector needs no component here. Every field is addressed
 * by its settings path (`pusherApp.map.id`), so the agent's refusals land on it.
 */
export function DeclaredSection({ form, state, errors, onChange }: DeclaredSectionProps) {
  const { t } = useTranslation('settings');
  const titleId = `settings-${form.key}`;
  const setValue = (path: string, value: string | boolean) => onChange({ ...state, values: { ...state.values, [path]: value }, edited: true }, `${form.key}.${path}`);
  const setRows = (path: string, rows: SecretRow[]) => onChange({ ...state, rows: { ...state.rows, [path]: rows }, edited: true }, `${form.key}.${path}`);

  const field = (declared: DeclaredField) => {
    const path = `${form.key}.${declared.path}`;
    switch (declared.kind) {
      case 'boolean':
        return <CheckboxField key={path} path={path} label={declared.label} checked={state.values[declared.path] === true} error={errors[path]} onChange={(checked) => setValue(declared.path, checked)} />;
      case 'secretRecord':
        return <SecretRows key={path} sectionKey={form.key} field={declared} rows={state.rows[declared.path] ?? []} errors={errors} onChange={(rows) => setRows(declared.path, rows)} />;
      case 'text':
      case 'number':
        return (
          <TextField
            key={path}
            path={path}
            label={declared.required ? t('declared.required', { label: declared.label }) : declared.label}
            value={String(state.values[declared.path] ?? '')}
            error={errors[path]}
            onChange={(value) => setValue(declared.path, value)}
            {...(declared.help ? { hint: declared.help } : {})}
            {...(declared.placeholder ? { placeholder: declared.placeholder } : {})}
            {...(declared.kind === 'number' ? { type: 'number' as const, inputMode: 'numeric' as const } : {})}
          />
        );
    }
  };

  return (
    <section className="settings-section" aria-labelledby={titleId} data-testid={`settings-section-${form.key}`}>
      <h2 id={titleId} className="section-title">
        {form.title}
      </h2>
      {form.help ? <p className="field-hint">{form.help}</p> : null}
      {errors[form.key] ? (
        <p className="field-error" data-testid={`settings-error-${form.key}`} role="alert">
          {errors[form.key]}
        </p>
      ) : null}
      {form.groups.map((group) => (
        <div key={group.title} className="settings-group">
          <h3 className="subsection-title">{group.title}</h3>
          {group.help ? <p className="field-hint">{group.help}</p> : null}
          {group.fields.map(field)}
        </div>
      ))}
    </section>
  );
}

interface SecretRowsProps {
  sectionKey: string;
  field: Extract<DeclaredField, { kind: 'secretRecord' }>;
  rows: SecretRow[];
  errors: FieldErrors;
  onChange: (rows: SecretRow[]) => void;
}

/**
 * Named secrets (HTTP headers): names editable, values write-only. A refusal of one (the auth
 * endpoint's 403 on `Authorization`) arrives on `<section>.<field>.<name>` and shows under its row.
 */
function SecretRows({ sectionKey, field, rows, errors, onChange }: SecretRowsProps) {
  const { t } = useTranslation('settings');
  const base = `${sectionKey}.${field.path}`;
  const update = (index: number, changes: Partial<SecretRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...changes } : row)));
  return (
    <div className="field secret-rows" data-testid={`settings-rows-${base}`}>
      <p className="field-label">{field.label}</p>
      {field.help ? <p className="field-hint">{field.help}</p> : null}
      {errors[base] ? (
        <p className="field-error" data-testid={`settings-error-${base}`} role="alert">
          {errors[base]}
        </p>
      ) : null}
      {rows.map((row, index) => (
        <div key={row.rowKey} className="field-row">
          <TextField path={`${base}.#${index}.name`} label={field.nameLabel} value={row.name} error={errors[`${base}.#${index}.name`]} onChange={(name) => update(index, { name, stored: false })} />
          <TextField
            path={`${base}.${row.name.trim() || `#${index}`}`}
            label={field.valueLabel}
            type="password"
            autoComplete="new-password"
            value={row.value}
            placeholder={row.stored ? t('secret.placeholderSet') : t('secret.placeholderNotSet')}
            error={errors[`${base}.${row.name.trim()}`]}
            onChange={(value) => update(index, { value })}
          />
          <button type="button" className="button" data-testid={`settings-remove-${base}.#${index}`} onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            {t('declared.remove')}
          </button>
        </div>
      ))}
      <div className="section-actions">
        <button type="button" className="button" data-testid={`settings-add-${base}`} onClick={() => onChange([...rows, newSecretRow()])}>
          {t('declared.add', { name: field.nameLabel })}
        </button>
      </div>
    </div>
  );
}
