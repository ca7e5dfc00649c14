/*
 * How a staff token is printed on a terminal, by every program that prints one: the all-in-one
 * (`npm start`), the standalone backend's first start (`npm run backend`) and `ticketrail tokens
 * create` (`npm run tokens`). One format, so a person (or a script) reads them all the same way.
 */

const ROLE_WIDTH = 5;

/** `  pos   token: tr_…` */
export function formatTokenLine(role: string, token: string): string {
  return `  ${role.padEnd(ROLE_WIDTH)} token: ${token}`;
}

const TOKEN_LINE = /^ {2}(\S+) +token: (\S+)$/;

/** The tokens printed in `output` by role, as formatTokenLine wrote them. */
export function parseTokenLines(output: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const match = TOKEN_LINE.exec(line);
    if (match?.[1] && match[2]) found[match[1]] = match[2];
  }
  return found;
}
