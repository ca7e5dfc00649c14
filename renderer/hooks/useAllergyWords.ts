import { createContext, useContext, useMemo } from 'react';
import { allergyMatcher, DEFAULT_ALLERGY_WORDS } from '../../common/allergy-words.js';

/** The allergy words of the agent's settings (display.allergyWords), for every card below the board. */
export const AllergyWordsContext = createContext<readonly string[]>(DEFAULT_ALLERGY_WORDS);

/** Whether a line names an allergy, by the settings' words and the built-in English ones. */
export function useAllergyMatch(): (line: string) => boolean {
  const words = useContext(AllergyWordsContext);
  return useMemo(() => allergyMatcher(words), [words]);
}
