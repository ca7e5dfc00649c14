import type { FieldErrors } from '../../settings/field-errors.js';
import type { SettingsForm } from '../../settings/settings-form.js';
import { TextField } from './fields.js';

type DisplayForm = SettingsForm['display'];

export function DisplaySection({ display, errors, onChange }: { display: DisplayForm; errors: FieldErrors; onChange: (changes: Partial<DisplayForm>) => void }) {
  return (
    <section className="settings-section" aria-labelledby="settings-display">
      <h2 id="settings-display" className="section-title">
        Display
      </h2>
      <div className="field-row">
        <TextField path="display.amberAfterMin" label="Amber after (min)" type="number" inputMode="numeric" value={display.amberAfterMin} error={errors['display.amberAfterMin']} onChange={(amberAfterMin) => onChange({ amberAfterMin })} hint="1–120" />
        <TextField path="display.redAfterMin" label="Red after (min)" type="number" inputMode="numeric" value={display.redAfterMin} error={errors['display.redAfterMin']} onChange={(redAfterMin) => onChange({ redAfterMin })} hint="1–240, later than amber" />
      </div>
      <TextField path="display.fontScale" label="Font scale" type="number" inputMode="decimal" value={display.fontScale} error={errors['display.fontScale']} onChange={(fontScale) => onChange({ fontScale })} hint="0.75–2" />
      <TextField path="display.stations" label="Stations shown" value={display.stations} error={errors['display.stations']} onChange={(stations) => onChange({ stations })} placeholder="all stations" hint="Comma-separated, e.g. kitchen, bar; empty shows every station" />
    </section>
  );
}
