import { useCallback, useState } from 'react';
import type { Override } from '../clinical/assessment';
import type { SurgeonAnswer, SurgeonAnswers } from '../clinical/answers';
import { cleanStored, loadInput, saveInput, type SurgeonInput } from './answersStore';
import { sessionStore } from './patientStorage';

/**
 * The surgeon's answers and override for the patient under `key`, kept in sessionStorage. When
 * the key changes (another patient), the state is that patient's, never the previous one's.
 */
export function useSurgeonInput(key: string) {
  const [state, setState] = useState(() => ({ key, input: loadInput(sessionStore(), key) }));
  const input = state.key === key ? state.input : loadInput(sessionStore(), key);
  if (state.key !== key) setState({ key, input });

  const update = useCallback(
    (change: (input: SurgeonInput) => SurgeonInput) => {
      setState((current) => {
        const base = current.key === key ? current.input : loadInput(sessionStore(), key);
        const next = change(base);
        saveInput(sessionStore(), key, next);
        return { key, input: next };
      });
    },
    [key],
  );

  const setAnswer = useCallback(
    (criterion: string, answer: SurgeonAnswer | undefined) =>
      update(({ answers: { [criterion]: _previous, ...others }, override }) => ({
        answers: answer ? { ...others, [criterion]: answer } : others,
        ...(override && { override }),
      })),
    [update],
  );

  const setOverride = useCallback(
    (override: Override | undefined) => update(({ answers }) => (override ? { answers, override } : { answers })),
    [update],
  );

  /** the answers of an earlier note (a relaunch continues from it), in place of those on screen */
  const resumeAnswers = useCallback(
    (answers: SurgeonAnswers) =>
      update(({ override }) => ({ answers: cleanStored(answers), ...(override && { override }) })),
    [update],
  );

  return { input, setAnswer, setOverride, resumeAnswers };
}
