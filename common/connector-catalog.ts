/**
 * What the settings screen learns about the sources of work this agent knows, from the agent
 * itself (`getSettings().connectors`): names, labels, which core settings a connector uses, and the
 * form of its own settings section, declared field by field in its registry module. The screen
 * builds a connector's section from this: a new connector needs no component of its own.
 */

/** One field of a declared settings section; `path` is relative to the section. */
export type DeclaredField =
  | { kind: 'text'; path: string; label: string; help?: string; required?: boolean; placeholder?: string }
  | { kind: 'number'; path: string; label: string; help?: string; required?: boolean; placeholder?: string }
  | { kind: 'boolean'; path: string; label: string; help?: string; default: boolean }
  /**
   * Named values whose values are secrets (HTTP headers): names shown and editable, values
   * write-only. The redacted settings list the names whose value is set (`<path>Set`).
   */
  | { kind: 'secretRecord'; path: string; label: string; help?: string; nameLabel: string; valueLabel: string; suggestedName?: string };

/** A group of fields under a heading (the connection, the event mapping). */
export interface DeclaredFieldGroup {
  title: string;
  help?: string;
  fields: readonly DeclaredField[];
}

/** A connector's own settings section as the screen shows it. */
export interface DeclaredSectionForm {
  /** The top-level settings key of the section (`tabletrack`, …). */
  key: string;
  title: string;
  help?: string;
  groups: readonly DeclaredFieldGroup[];
}

/** A connector as the settings screen offers it. */
export interface ConnectorCatalogEntry {
  name: string;
  label: string;
  /** One line under the choice: what kind of system it serves. */
  hint: string;
  /** Whether it reads `backendUrl`, and what that URL is called for it (undefined: not shown). */
  backendUrl?: { label: string; hint: string };
  /** Whether it uses the agent token. */
  agentToken: boolean;
  /** Whether it uses the `realtime` section (TicketRail's Pusher settings). */
  realtime: boolean;
  /** Its own section, built from declared fields; absent when it has none or a hand-made one. */
  form?: DeclaredSectionForm;
}
