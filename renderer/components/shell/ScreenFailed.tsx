/** What a screen shows instead of itself when it threw while rendering: the rest of the app lives. */
export function ScreenFailed({ screen, error, onRetry }: { screen: string; error: Error; onRetry: () => void }) {
  return (
    <div className="screen-failed" data-testid="screen-failed" data-screen={screen} role="alert">
      <h2 className="screen-failed-title">The {screen} screen could not be shown</h2>
      <p className="screen-failed-detail">{error.message}</p>
      <button type="button" className="button button-primary" data-testid="screen-retry" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
