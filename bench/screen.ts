/**
 * The surgeon's screen and the note, measured in Debian's chromium over the demo (dist/ build):
 * per scenario patient at 1280x900 in English, the default page's height, words, links, folded
 * sections, the distance from the verdict to the first question, the Tab stops from the top of
 * the page to "Sign", and the note's lines, size and rendered height (its HTML attachment, signed
 * into the demo EHR and rendered at 1280 px). `npm run screenshots` runs it besides the screenshots.
 */
import type { Page } from 'playwright-core';
import { decodeBase64Utf8 } from '../src/clinical/base64';
import type { RunningDemo } from '../mocks/server/demo';
import type { DemoPatient } from '../mocks/patients';

export interface ScreenFigures {
  scenario: number;
  /** height of the default view's content, px (the document's, so no less than the window when taller) */
  pageHeight: number;
  /** words shown */
  words: number;
  /** links in the page, and of them those shown (not inside a closed fold) */
  links: number;
  linksShown: number;
  /** `<details>` elements in the page, and of them those shown */
  folded: number;
  foldedShown: number;
  /** from the top of the verdict to the top of the first question, px (undefined: no question) */
  verdictToQuestions?: number;
  /** Tab presses from the top of the page until "Sign" has the focus (undefined: not reached in 200) */
  tabsToSign?: number;
  noteLines?: number;
  noteBytes?: number;
  /** the note's HTML attachment rendered at 1280 px: its content's height, px */
  noteHtmlHeight?: number;
}

/** An EHR launch of one demo patient in `page`, waiting for the verdict. */
export async function launchPatient(
  page: Page,
  demo: RunningDemo,
  patient: DemoPatient,
  locale: 'en' | 'de' = 'en',
): Promise<void> {
  const query = new URLSearchParams({ patient: patient.id, grant: 'all', locale });
  await page.goto(`${new URL(demo.ehrUrl).origin}/ehr/launch?${query}`);
  await page.getByTestId('verdict').first().waitFor({ timeout: 60_000 });
}

/** What the default view shows, before any answer. */
export async function measureScreen(page: Page): Promise<Omit<ScreenFigures, 'scenario'>> {
  const figures = await page.evaluate(() => {
    const text = document.body.innerText;
    // no functions declared in here: tsx names them with a helper the page does not have
    const tops = ['[data-testid="verdict"]', '[data-testid="questions"] fieldset'].map((selector) => {
      const element = document.querySelector(selector);
      return element ? element.getBoundingClientRect().top + window.scrollY : undefined;
    });
    const [verdict, question] = tops;
    return {
      pageHeight: Math.ceil(document.documentElement.getBoundingClientRect().height),
      words: text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
      links: document.querySelectorAll('a[href]').length,
      linksShown: [...document.querySelectorAll('a[href]')].filter((a) => a.checkVisibility()).length,
      folded: document.querySelectorAll('details').length,
      foldedShown: [...document.querySelectorAll('details')].filter((d) => d.checkVisibility()).length,
      ...(verdict !== undefined && question !== undefined && { verdictToQuestions: Math.round(question - verdict) }),
    };
  });
  return { ...figures, ...(await tabsToSign(page)) };
}

async function tabsToSign(page: Page): Promise<{ tabsToSign?: number }> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  });
  // the focus starts at the top of the document, as after the page loads
  await page.mouse.click(1, 1);
  for (let n = 1; n <= 200; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'sign-button')) return { tabsToSign: n };
  }
  return {};
}

/** The note as the preview shows it, then signed: its HTML attachment rendered at 1280 px. */
export async function measureNote(
  page: Page,
  demo: RunningDemo,
  patient: DemoPatient,
): Promise<Pick<ScreenFigures, 'noteLines' | 'noteBytes' | 'noteHtmlHeight'>> {
  const before = new Set(demo.ehr.store.all('DocumentReference').map((d) => d.id));
  await page.locator('#sign-button').click();
  await page.locator('.sign-saved').waitFor({ timeout: 60_000 });
  const doc = demo.ehr.store
    .all('DocumentReference')
    .find((d) => !before.has(d.id) && (d as fhir4.DocumentReference).subject?.reference === `Patient/${patient.id}`) as
    fhir4.DocumentReference | undefined;
  if (!doc) return {};
  const text = decodeBase64Utf8(doc.content[0]?.attachment.data ?? '') ?? '';
  const html = decodeBase64Utf8(doc.content[1]?.attachment.data ?? '') ?? '';
  const viewer = await page.context().newPage();
  await viewer.setViewportSize({ width: 1280, height: 900 });
  await viewer.setContent(html);
  const height = await viewer.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await viewer.close();
  return {
    noteLines: text.replace(/\n$/, '').split('\n').length,
    noteBytes: new TextEncoder().encode(text).length,
    noteHtmlHeight: height,
  };
}
