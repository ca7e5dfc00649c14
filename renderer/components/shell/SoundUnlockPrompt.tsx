import { useTranslation } from 'react-i18next';

/** The browser refused to play a sound before any click: one click here allows sound for the page. */
export function SoundUnlockPrompt({ onUnlock }: { onUnlock: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="sound-unlock" data-testid="sound-unlock" onClick={onUnlock}>
      ♪ {t('sound.unlock')}
    </button>
  );
}
