/**
 * The default of a switch that must handle every member of a union (every event type): with one
 * forgotten, `value` is not `never` and the switch does not compile. At run time it is reached only
 * by a value the types say cannot exist (a bug), and says which.
 */
export function exhaustive(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
