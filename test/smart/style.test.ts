import { describe, expect, it, vi } from 'vitest';
import { applySmartStyle, isSameOrigin, styleVariables } from '../../src/smart/style';

const server = 'http://localhost:4010/fhir';

function element() {
  const set = new Map<string, string>();
  return { set, el: { style: { setProperty: (k: string, v: string) => set.set(k, v) } } as unknown as HTMLElement };
}

describe('styleVariables', () => {
  it('maps the SMART style properties to CSS variables', () => {
    expect(
      styleVariables({
        color_background: '#edeae3',
        color_text: 'rgb(10, 20, 30)',
        font_family_body: "'Helvetica Neue', Arial",
        unknown: 'x',
      }),
    ).toEqual({
      '--smart-color-background': '#edeae3',
      '--smart-color-text': 'rgb(10, 20, 30)',
      '--smart-font-family-body': "'Helvetica Neue', Arial",
    });
  });

  it('drops values that could load something or break out of the declaration', () => {
    expect(
      styleVariables({
        color_background: 'url(https://tracker.example/p.png)',
        color_text: 'red; background: red',
        font_family_body: 'x}',
      }),
    ).toEqual({});
    expect(styleVariables(null)).toEqual({});
    expect(styleVariables({ color_text: 12 })).toEqual({});
  });
});

describe('applySmartStyle', () => {
  it('fetches the style only from the FHIR server origin', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ color_text: '#123456' })));
    const { set, el } = element();
    await applySmartStyle('https://third-party.example/style.json', server, el, fetchImpl as unknown as typeof fetch);
    expect(fetchImpl).not.toHaveBeenCalled();
    await applySmartStyle('http://localhost:4010/smart-style.json', server, el, fetchImpl as unknown as typeof fetch);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(set.get('--smart-color-text')).toBe('#123456');
  });

  it('ignores failures: network errors, HTTP errors and bad JSON', async () => {
    const { set, el } = element();
    for (const fetchImpl of [
      async () => {
        throw new TypeError('Failed to fetch');
      },
      async () => new Response('gone', { status: 404 }),
      async () => new Response('{ nope'),
    ]) {
      await expect(
        applySmartStyle('/smart-style.json', server, el, fetchImpl as unknown as typeof fetch),
      ).resolves.toBeUndefined();
    }
    expect(set.size).toBe(0);
  });

  it('compares origins, not prefixes', () => {
    expect(isSameOrigin('http://localhost:4010.evil.example/s.json', server)).toBe(false);
    expect(isSameOrigin('/smart-style.json', server)).toBe(true);
  });
});
