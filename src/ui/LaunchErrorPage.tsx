import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { langOf, type Lang } from '../lang';
import type { LaunchProblem } from '../smart/launchErrors';
import { CODE_LABEL, EXPLANATIONS, NEW_WINDOW } from './launch-error-strings';

/** The same launch in a window of its own, where the browser lets the app keep its sign-in. */
function NewWindowLink({ url, language }: { url: string; language: Lang }) {
  const [opened, setOpened] = useState(false);
  const text = NEW_WINDOW[language];
  return (
    <>
      <p>
        <a className="launch-error-action" href={url} target="_blank" rel="noopener" onClick={() => setOpened(true)}>
          {text.open}
        </a>
      </p>
      {opened && <p role="status">{text.opened}</p>}
    </>
  );
}

export function pageLanguage(navigatorLanguage: string | undefined): Lang {
  return langOf(navigatorLanguage) ?? 'en';
}

/**
 * The plain page shown instead of the app when a launch fails. One that offers to continue in a new
 * window is an offer, not an alarm: framed in the highlight colour, not announced as an alert.
 */
export function LaunchErrorPage({ problem, language }: { problem: LaunchProblem; language: Lang }) {
  const text = EXPLANATIONS[language][problem.kind];
  const offer = problem.newWindowUrl !== undefined;
  return (
    <main
      className={offer ? 'launch-error launch-offer' : 'launch-error'}
      role={offer ? undefined : 'alert'}
      lang={language}
      data-problem={problem.kind}
    >
      <h1>{text.title}</h1>
      <p>{text.happened}</p>
      <p>
        <strong>{text.todo}</strong>
      </p>
      {problem.newWindowUrl && <NewWindowLink url={problem.newWindowUrl} language={language} />}
      <p className="launch-error-code">
        {CODE_LABEL[language]}: <code>{problem.code ? `${problem.kind} (${problem.code})` : problem.kind}</code>
      </p>
    </main>
  );
}

/** Replaces whatever the page shows with the error page (used by launch.html and index.html). */
export function showLaunchError(container: HTMLElement, problem: LaunchProblem, navigatorLanguage: string | undefined) {
  const language = pageLanguage(navigatorLanguage);
  document.documentElement.lang = language;
  createRoot(container).render(<LaunchErrorPage problem={problem} language={language} />);
}
