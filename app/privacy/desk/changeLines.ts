// The manual-entry form's corrections box: one "field=value" per line, as staff type them from a letter.
/** "field=value" per line → { field: value }; null when a line has no "=". */
export function parseChangeLines(text: string): Record<string, string> | null {
  const changes: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at < 1) return null;
    changes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return changes;
}
