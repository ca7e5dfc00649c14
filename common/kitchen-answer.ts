/**
 * The answer type of a board operation. Answers come from our own agent and are not parsed again
 * on the way back, so the operation maps carry their type only: an empty object at run time.
 */
export interface Answer<T> {
  readonly answer?: T;
}

export function answers<T>(): Answer<T> {
  return {};
}
