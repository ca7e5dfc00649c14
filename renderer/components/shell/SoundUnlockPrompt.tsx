/** The browser refused to play a sound before any click: one click here allows sound for the page. */
export function SoundUnlockPrompt({ onUnlock }: { onUnlock: () => void }) {
  return (
    <button type="button" className="sound-unlock" data-testid="sound-unlock" onClick={onUnlock}>
      ♪ Click to enable sound
    </button>
  );
}
