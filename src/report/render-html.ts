import DOMPurify, { type WindowLike } from 'dompurify';
import type { NoteLine, NoteModel } from './model';

/**
 * The note as a self-contained HTML document: every string escaped, the body sanitised with
 * DOMPurify as a second line of defence, no links, images, scripts or external references, one
 * small inline style sheet. The same lines as the text, each group a section.
 */
const STYLE =
  'body{font:14px/1.4 system-ui,sans-serif;max-width:48em;margin:1em auto;color:#111}' +
  'h1{font-size:1.2em;margin:0 0 .5em}section{margin:0 0 .6em}p{margin:0 0 .15em}' +
  'section:last-child{color:#444;font-size:.9em}';

const ALLOWED_TAGS = ['article', 'section', 'h1', 'p', 'strong'];

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
    `<h1>${escapeHtml(model.title)}</h1>`,
    ...model.blocks.map((block) => `<section>${block.map(renderLine).join('')}</section>`),
    '</article>',
  ].join('\n');
  const clean = sanitizerFor(window).sanitize(body, { ALLOWED_TAGS, ALLOWED_ATTR: [] });
  return [
    '<!DOCTYPE html>',
    `<html lang="${model.lang}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(model.headline)}</title><style>${STYLE}</style></head>`,
    `<body>${clean}</body>`,
    '</html>',
    '',
  ].join('\n');
}

function renderLine(line: NoteLine): string {
  return `<p>${line.label ? `<strong>${escapeHtml(line.label)}:</strong> ` : ''}${escapeHtml(line.text)}</p>`;
}
