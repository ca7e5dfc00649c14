import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE } from '../../common/i18n/languages.js';
import type { ErrorBody } from '../../common/errors.js';

export interface ErrorText {
  /** What to read first: the translated meaning of the code, or the message as it came. */
  summary: string;
  /** The message as it came (English, from the agent or the backend) when the summary replaced it. */
  detail?: string;
}

/**
 * How the board says what went wrong. Messages come from the agent and the backend in English and
 * often name the order or the printer; in English they are shown as they are. In another language
 * a code the board knows is said in that language (`errors.codes.<CODE>` in board.json), with the
 * original message under it for whoever troubleshoots; an unknown code shows its message.
 */
export function useErrorText(): (error: Pick<ErrorBody, 'code' | 'message'>) => ErrorText {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error) => {
      const key = `errors.codes.${error.code}`;
      if (i18n.resolvedLanguage === DEFAULT_LANGUAGE || !i18n.exists(key)) return { summary: error.message };
      return { summary: t(key as 'errors.codes.INTERNAL'), detail: error.message };
    },
    [t, i18n],
  );
}
