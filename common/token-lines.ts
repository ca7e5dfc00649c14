/*
 * How the programs that start a backend print the staff tokens they made at first start: the
 * all-in-one (`npm start`) and the standalone backend (`npm run backend`). One format, so a person
 * (or a script) reads both the same way. `ticketrail tokens create` prints the one token it makes
 * alone on its first line (what a script captures), and what it is on the next.
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
