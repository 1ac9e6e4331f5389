/**
 * SMART's `smart_style_url`: a JSON file of the EHR's colours and fonts, so an embedded app looks at
 * home. Read only from the FHIR server's own origin (never a third party), only a few known
 * properties, only plain values (no `url(...)`: a style must not make the browser fetch anything).
 * Any failure leaves the app's own style: styling is never worth a launch error.
 */

const CSS_VARIABLES: Record<string, string> = {
  color_background: '--smart-color-background',
  color_text: '--smart-color-text',
  color_highlight: '--smart-color-highlight',
  color_error: '--smart-color-error',
  color_success: '--smart-color-success',
  font_family_body: '--smart-font-family-body',
  font_family_heading: '--smart-font-family-heading',
  dim_border_radius: '--smart-border-radius',
  dim_font_size: '--smart-font-size',
  dim_spacing_size: '--smart-spacing',
};

const PLAIN_CSS_VALUE = /^[\w\s#%.,'"()+-]{1,120}$/;

/** The CSS variables to set for a style document; unknown or unsafe entries are left out. */
export function styleVariables(style: unknown): Record<string, string> {
  if (typeof style !== 'object' || style === null) return {};
  const variables: Record<string, string> = {};
  for (const [property, variable] of Object.entries(CSS_VARIABLES)) {
    const value = (style as Record<string, unknown>)[property];
    if (typeof value === 'string' && PLAIN_CSS_VALUE.test(value) && !/url\s*\(/i.test(value)) {
      variables[variable] = value.trim();
    }
  }
  return variables;
}

export function isSameOrigin(url: string, serverUrl: string): boolean {
  try {
    return new URL(url, serverUrl).origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}

export async function applySmartStyle(
  styleUrl: string | undefined,
  serverUrl: string,
  target: HTMLElement,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  if (!styleUrl || !isSameOrigin(styleUrl, serverUrl)) return;
  try {
    const response = await fetchImpl(new URL(styleUrl, serverUrl).href, { credentials: 'omit' });
    if (!response.ok) return;
    for (const [variable, value] of Object.entries(styleVariables(await response.json()))) {
      target.style.setProperty(variable, value);
    }
  } catch {
    // the app's own style stays
  }
}
