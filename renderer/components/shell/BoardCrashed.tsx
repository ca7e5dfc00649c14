/**
 * The last resort, for a throw above every screen (App itself): instead of a blank page, say what
 * happened and offer a reload, which reconnects and starts from a fresh snapshot.
 */
export function BoardCrashed({ error }: { error: Error }) {
  return (
    <div className="screen-failed" data-testid="board-crashed" role="alert">
      <h1 className="screen-failed-title">The board stopped</h1>
      <p className="screen-failed-detail">{error.message}</p>
      <button type="button" className="button button-primary" onClick={() => location.reload()}>
        Reload the board
      </button>
    </div>
  );
}
