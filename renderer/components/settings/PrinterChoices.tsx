import { useTranslation } from 'react-i18next';
import type { LocalPrinterChoice, SystemPrintersResult } from '../../../common/kitchen-api.js';

interface ChoiceListProps {
  title: string;
  choices: LocalPrinterChoice[];
  onAdd: (choice: LocalPrinterChoice) => void;
  testId: string;
  disabled: boolean;
}

/** One list of printers found (on the network, in the spooler, on USB or serial), each with Add. */
export function ChoiceList({ title, choices, onAdd, testId, disabled }: ChoiceListProps) {
  const { t } = useTranslation('settings');
  return (
    <div className="printer-choices" data-testid={testId}>
      <h3 className="printer-choices-title">{title}</h3>
      {choices.length === 0 ? <p className="field-hint">{t('printers.find.none')}</p> : null}
      <ul>
        {choices.map((choice) => (
          <li key={choice.interface} className="printer-choice">
            <span className="printer-choice-name">{choice.name}</span> <code>{choice.interface}</code>
            {choice.detail ? <span className="field-hint"> {choice.detail}</span> : null}
            <button type="button" className="button button-small" disabled={disabled} onClick={() => onAdd(choice)} data-testid={`add-${choice.interface}`}>
              {t('printers.find.add')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * This PC's printers: the spooler's, USB printers and serial ports, and why a list is empty (the
 * system's own words, after the list's name in the board's language). A USB device that names no
 * maker or product is called "USB printer" in that language, here and in the row it adds.
 */
export function LocalPrinterLists({ result, onAdd, disabled }: { result: SystemPrintersResult; onAdd: (choice: LocalPrinterChoice) => void; disabled: boolean }) {
  const { t } = useTranslation('settings');
  const usb = result.usb.map((choice) => (choice.name ? choice : { ...choice, name: t('printers.find.unnamedUsb') }));
  return (
    <div data-testid="find-printers-local-result">
      <ChoiceList title={t('printers.find.spooler')} choices={result.spooler} onAdd={onAdd} testId="local-spooler" disabled={disabled} />
      <ChoiceList title={t('printers.find.usb')} choices={usb} onAdd={onAdd} testId="local-usb" disabled={disabled} />
      <ChoiceList title={t('printers.find.serial')} choices={result.serial} onAdd={onAdd} testId="local-serial" disabled={disabled} />
      {result.notes.map((note) => (
        <p key={note.list} className="field-hint" data-testid={`local-note-${note.list}`}>
          {t(`printers.find.notes.${note.list}`, { message: note.message })}
        </p>
      ))}
    </div>
  );
}
