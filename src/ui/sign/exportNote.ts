/** The ways out of the app when the note cannot be written to the chart: clipboard and a file. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The file name carries the date only: no patient name or id in the downloads folder. */
export function noteFileName(signedAt: string): string {
  return `pvp-consult-note-${signedAt.slice(0, 10)}.txt`;
}

export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
