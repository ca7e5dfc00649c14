/** Shown when the page was opened from a file outside the desktop app: there is no agent to ask. */
export function NoAgent() {
  return (
    <div className="no-agent" role="alert" data-testid="no-agent">
      <h1>No kitchen agent</h1>
      <p>Open the board from the kitchen agent&apos;s address (for example http://127.0.0.1:4810/) or from the TicketRail desktop app.</p>
    </div>
  );
}
