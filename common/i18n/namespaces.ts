/**
 * Translation files come in namespaces, one JSON file per language and namespace:
 * `common/locales/<language>/<namespace>.json`. A namespace is what one part of the product loads
 * at once (docs/i18n.md):
 *
 * | namespace  | read by                                          | loaded                          |
 * |------------|--------------------------------------------------|---------------------------------|
 * | board      | the board's shell, rail, dialogs, counter, errors | at start (English is bundled)   |
 * | printLog   | the print log tab                                | with its screen                 |
 * | settings   | the settings tab                                 | with its screen                 |
 * | diner      | the diner's page (diner/)                        | at start (English is bundled)   |
 * | ticket     | the agent's printed tickets, vouchers, test page | all at once, in the agent       |
 *
 * A new screen gets a namespace of its own when it loads apart from the rail: add it here, add
 * `<namespace>.json` for every language, and list it in common/i18n/resources.ts.
 */
export const NAMESPACES = ['board', 'printLog', 'settings', 'diner', 'ticket'] as const;
export type Namespace = (typeof NAMESPACES)[number];
