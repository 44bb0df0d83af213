/** The numbers typed in (spaces, commas or new lines apart), or null when anything else is there. */
export function parseScores(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}
