import DOMPurify, { type WindowLike } from 'dompurify';
import type { NoteModel, NoteSection } from './model';

/**
 * The note as a self-contained HTML document: every string escaped, the body sanitised with
 * DOMPurify as a second line of defence, no links, images, scripts or external references, one
 * small inline style sheet.
 */
const STYLE =
  'body{font:14px/1.4 system-ui,sans-serif;max-width:48em;margin:1em auto;color:#111}' +
  'h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.2em;border-bottom:1px solid #ccc}' +
  'dt{font-weight:600;float:left;clear:left;margin-right:.5em}dd{margin:0 0 .2em}' +
  'ul ul{color:#333;font-size:.95em}footer{margin-top:1.5em;color:#444;font-size:.9em}';

const ALLOWED_TAGS = ['article', 'header', 'footer', 'section', 'h1', 'h2', 'p', 'ul', 'li', 'dl', 'dt', 'dd'];

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A DOMPurify bound to a window: the page's in the browser, jsdom's in Node (pass it in). */
function sanitizerFor(window?: WindowLike): ReturnType<typeof DOMPurify> {
  const purify = window ? DOMPurify(window) : DOMPurify;
  if (!purify.isSupported) {
    throw new Error('The HTML note needs a DOM to sanitise with: pass a window (jsdom in Node).');
  }
  return purify;
}

export function renderHtml(model: NoteModel, window?: WindowLike): string {
  const body = [
    '<article>',
    `<header><h1>${escapeHtml(model.title)}</h1><dl>`,
    ...model.facts.map((f) => `<dt>${escapeHtml(f.label)}:</dt><dd>${escapeHtml(f.value)}</dd>`),
    '</dl></header>',
    ...model.sections.map(renderSection),
    `<footer>${model.footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</footer>`,
    '</article>',
  ].join('\n');
  const clean = sanitizerFor(window).sanitize(body, { ALLOWED_TAGS, ALLOWED_ATTR: [] });
  return [
    '<!DOCTYPE html>',
    `<html lang="${model.lang}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>${STYLE}</style></head>`,
    `<body>${clean}</body>`,
    '</html>',
    '',
  ].join('\n');
}

function renderSection(section: NoteSection): string {
  const paragraphs = (section.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`);
  const items = section.items?.length
    ? [
        '<ul>',
        ...section.items.map((item) => {
          const details = item.details?.length
            ? `<ul>${item.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`
            : '';
          return `<li>${escapeHtml(item.text)}${details}</li>`;
        }),
        '</ul>',
      ]
    : [];
  return ['<section>', `<h2>${escapeHtml(section.heading)}</h2>`, ...paragraphs, ...items, '</section>'].join('\n');
}
