import type { LaunchOptions } from './auth';
import { escapeHtml, page } from './http';

/**
 * The demo EHR's own pages: the launcher (the patient list a surgeon launches the app from) and
 * the chart page that embeds the app in an iframe, as EHRs do. Plain HTML forms, no script.
 */

export interface LauncherPatient {
  id: string;
  name: string;
  /** "Scenario 4" or "Synthea sample" */
  group: string;
  title: string;
  description: string;
  expected?: string;
}

/** No note written: neither create nor update of the note (amendments mark the earlier one superseded), nor its Provenance. */
const NO_WRITE = ['DocumentReference.write', 'Provenance.write'];

/** The launcher's "grant fewer scopes" choices. */
export const GRANT_PRESETS: Record<string, { label: string; withhold: string[]; denyAccess?: boolean }> = {
  all: { label: 'Everything the app asks for', withhold: [] },
  'no-imaging': { label: 'No ImagingStudy', withhold: ['ImagingStudy'] },
  'no-write': { label: 'No DocumentReference create or update (read-only)', withhold: NO_WRITE },
  'no-imaging-no-write': {
    label: 'No ImagingStudy, no DocumentReference create or update',
    withhold: ['ImagingStudy', ...NO_WRITE],
  },
  'no-medications': {
    label: 'No MedicationRequest / MedicationStatement',
    withhold: ['MedicationRequest', 'MedicationStatement'],
  },
  deny: { label: 'None: the user refuses the app (access_denied)', withhold: [], denyAccess: true },
};

/** The launch options a launcher form submits (`/ehr/launch?patient=..&banner=1&grant=..&locale=..`). */
export function launchOptionsFromQuery(query: URLSearchParams, encounter: string | undefined): LaunchOptions {
  const preset = GRANT_PRESETS[query.get('grant') ?? 'all'] ?? GRANT_PRESETS.all;
  const locale = query.get('locale');
  return {
    patient: query.get('patient') ?? '',
    encounter,
    needPatientBanner: query.get('banner') === '1',
    withhold: preset?.withhold ?? [],
    denyAccess: preset?.denyAccess,
    locale: locale && locale !== 'en' ? locale : undefined,
  };
}

function patientRows(patients: LauncherPatient[]): string {
  return patients
    .map(
      (p) => `<tr>
<td>${escapeHtml(p.group)}</td>
<td><strong>${escapeHtml(p.name)}</strong><br><span class="muted">${escapeHtml(p.id)}</span></td>
<td>${escapeHtml(p.title)}<br><span class="muted">${escapeHtml(p.description)}</span></td>
<td>${escapeHtml(p.expected ?? '')}</td>
<td>
<button class="primary" form="launch" name="patient" value="${escapeHtml(p.id)}" formaction="/ehr/launch">Launch</button>
<button form="launch" name="patient" value="${escapeHtml(p.id)}" formaction="/ehr/frame">Launch in frame</button>
</td>
</tr>`,
    )
    .join('\n');
}

export function launcherPage(o: {
  surgeonName: string;
  fhirBase: string;
  standaloneUrl: string;
  demo: LauncherPatient[];
  samples: LauncherPatient[];
  samplesNote?: string;
  /** the heading over `samples` (default: the public sample patients) */
  samplesTitle?: string;
}): string {
  const grants = Object.entries(GRANT_PRESETS)
    .map(([value, preset]) => `<option value="${escapeHtml(value)}">${escapeHtml(preset.label)}</option>`)
    .join('');
  const samples =
    o.samples.length > 0
      ? `<h2>${escapeHtml(o.samplesTitle ?? 'Public sample patients (Synthea and others)')}</h2>
<table><thead><tr><th>Source</th><th>Patient</th><th>What it shows</th><th></th><th>Launch</th></tr></thead>
<tbody>
${patientRows(o.samples)}
</tbody></table>`
      : `<p class="muted">${escapeHtml(o.samplesNote ?? 'No public sample patients loaded.')}</p>`;
  return page(
    'Demo EHR: PVP Eligibility launcher',
    `<p>Signed in as <strong>${escapeHtml(o.surgeonName)}</strong> (spine surgery). FHIR base: <code>${escapeHtml(o.fhirBase)}</code></p>
<form id="launch" method="get" action="/ehr/launch">
<fieldset><legend>Launch options</legend>
<label><input type="checkbox" name="banner" value="1" checked> The app shows the patient banner (need_patient_banner)</label><br>
<label>Scopes granted: <select name="grant">${grants}</select></label>
<label>EHR language: <select name="locale"><option value="en">English</option><option value="de">Deutsch (de)</option></select></label>
</fieldset>
</form>
<p><a class="button" href="${escapeHtml(o.standaloneUrl)}">Standalone launch</a> <span class="muted">(the app asks this EHR to sign in and pick a patient)</span></p>
<h2>Demo patients (one per scenario)</h2>
<table><thead><tr><th>Scenario</th><th>Patient</th><th>What it shows</th><th>Expected</th><th>Launch</th></tr></thead>
<tbody>
${patientRows(o.demo)}
</tbody></table>
${samples}`,
  );
}

/** The chart page of the EHR with the app embedded, as Epic or Cerner embed SMART apps. */
export function framePage(o: { patientName: string; launchUrl: string; showBanner: boolean }): string {
  const banner = o.showBanner ? `<p><strong>Patient:</strong> ${escapeHtml(o.patientName)}</p>` : '';
  return page(
    'Demo EHR: chart',
    `${banner}<p><a href="/">Back to the patient list</a></p>
<iframe src="${escapeHtml(o.launchUrl)}" title="PVP Eligibility"></iframe>`,
  );
}

/** An example style of the SMART App Launch specification, served at smart_style_url. */
export const SMART_STYLE = {
  color_background: '#f3f5f8',
  color_error: '#b3261e',
  color_highlight: '#17416b',
  color_modal_backdrop: 'rgba(0, 0, 0, 0.4)',
  color_success: '#2e7d32',
  color_text: '#1d2733',
  dim_border_radius: '4px',
  dim_font_size: '15px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, sans-serif',
  font_family_heading: 'system-ui, sans-serif',
};
