import type { ErrorBody } from '../../../common/errors.js';
import { useErrorText } from '../../i18n/error-text.js';

/**
 * A refusal from the agent shown in place under the control that asked (Find printers, a logo
 * upload): the code's meaning in the board's language, the agent's own message under it.
 */
export function ApiErrorLine({ error, testId }: { error: Pick<ErrorBody, 'code' | 'message'>; testId?: string }) {
  const errorText = useErrorText();
  const { summary, detail } = errorText(error);
  return (
    <p className="field-error" role="alert" data-code={error.code} {...(testId ? { 'data-testid': testId } : {})}>
      {summary}
      {detail ? <span className="field-hint error-detail"> {detail}</span> : null}
    </p>
  );
}
