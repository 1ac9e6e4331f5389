import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildNote } from '../../src/report';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { HOSTILE, hostileAssessment, noteContext, scenario1Eligible } from './fixtures';

const { window } = new JSDOM('');

describe('the HTML note', () => {
  const hostileNote = () =>
    buildNote(
      hostileAssessment(),
      noteContext({
        patient: { reference: 'Patient/p1', display: HOSTILE },
        answers: { 'ind.painful-lesion': { status: 'met', note: HOSTILE } },
        override: { recommendation: 'eligible', reason: HOSTILE, at: '2026-11-25T08:10:00Z' },
      }),
      { window },
    );

  it('renders record strings as text: no element, attribute or link from the record survives', () => {
    const { html } = hostileNote();
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('script, img, a, iframe, link, object').length).toBe(0);
    expect(
      [...doc.querySelectorAll('*')]
        .flatMap((el) => el.getAttributeNames())
        .filter((n) => n !== 'lang' && n !== 'charset'),
    ).toEqual([]);
    expect(doc.body.textContent).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>&amp;');
    expect(html).not.toMatch(/<(script|img|a|iframe)\b/i);
  });

  it('removes bidirectional overrides and control characters from record strings', () => {
    const { text, html } = hostileNote();
    expect(text).not.toContain('\u202e');
    expect(html).not.toContain('\u202e');
  });

  it('is self-contained: no external reference of any kind', () => {
    const { html } = buildNote(scenario1Eligible(), noteContext(), { window });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(|https?:/i);
  });

  it('carries the same note as the text attachment', () => {
    const { text, html, documentReference } = buildNote(scenario1Eligible(), noteContext(), { window });
    const [plain, rich] = documentReference.content;
    expect(decodeBase64Utf8(plain?.attachment.data ?? '')).toBe(text);
    expect(decodeBase64Utf8(rich?.attachment.data ?? '')).toBe(html);
    // every line of the text appears in the HTML (whitespace and case aside: the title is upper-cased)
    const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
    const shown = squash(new JSDOM(html).window.document.body.textContent ?? '');
    const lines = text
      .split('\n')
      .filter((l) => l && l !== '--')
      .map((l) => l.replace(/^(==|\s*[-*]) ?|==$/g, ''));
    for (const line of lines) expect(shown).toContain(squash(line));
  });
});

describe('the HTML note, for any record string', () => {
  it('shows it as text and never as markup', () => {
    const allowed = new Set([
      'HTML',
      'HEAD',
      'META',
      'TITLE',
      'STYLE',
      'BODY',
      'ARTICLE',
      'SECTION',
      'H1',
      'P',
      'STRONG',
    ]);
    const markup = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '<script>',
      '</li>',
      '<img src=x onerror=alert(1)>',
      '<!--',
      ']]>',
      '\u202e',
      '\n',
    );
    const hostile = fc.array(fc.oneof(fc.string(), markup), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostile, hostile, (summary, reason) => {
        const base = scenario1Eligible();
        const assessment = {
          ...base,
          criteria: base.criteria.map((c) => ({
            ...c,
            rationaleText: { en: summary, de: summary },
            evidence: c.evidence.map((e) => ({ ...e, summary })),
          })),
        };
        const { html } = buildNote(
          assessment,
          noteContext({ override: { recommendation: 'eligible', reason, at: '2026-11-25T08:10:00Z' } }),
          { window },
        );
        const doc = new JSDOM(html).window.document;
        for (const el of doc.querySelectorAll('*')) expect(allowed.has(el.tagName)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
