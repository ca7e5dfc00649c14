// The agent's modules (and the connectors being written beside them) import it from here; the one
// implementation lives in common/ so backend/, main/, cli/ and renderer/ use the same one.
export { describeError } from '../common/describe-error.js';
