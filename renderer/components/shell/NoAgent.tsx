import { useTranslation } from 'react-i18next';

/** An address to open the board at, as the example in the message. */
const EXAMPLE_ADDRESS = 'http://127.0.0.1:4810/';

/** Shown when the page was opened from a file outside the desktop app: there is no agent to ask. */
export function NoAgent() {
  const { t } = useTranslation();
  return (
    <div className="no-agent" role="alert" data-testid="no-agent">
      <h1>{t('noAgent.title')}</h1>
      <p>{t('noAgent.text', { address: EXAMPLE_ADDRESS })}</p>
    </div>
  );
}
