/** Study sessions as CSV (RFC 4180), for spreadsheets. */

/** A study session as the export needs it. */
export interface CsvSession {
  day: string;
  minutes: number;
  itemId: number | null;
  note: string | null;
}

export const SESSIONS_CSV_HEADER = ['date', 'minutes', 'hours', 'item', 'item_text', 'note'] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One row per session in date order (then in the order logged), with the
 * item's number and text when the session was on an item. CRLF line ends.
 */
export function renderSessionsCsv(
  sessions: readonly CsvSession[],
  itemsById: ReadonlyMap<number, { number: number; text: string }>,
): string {
  const ordered = sessions
    .map((s, index) => ({ s, index }))
    .sort((a, b) => (a.s.day < b.s.day ? -1 : a.s.day > b.s.day ? 1 : a.index - b.index))
    .map(({ s }) => s);
  const rows = ordered.map((s) => {
    const item = s.itemId === null ? undefined : itemsById.get(s.itemId);
    return [s.day, String(s.minutes), (s.minutes / 60).toFixed(2), item ? String(item.number) : '', item?.text ?? '', s.note ?? ''];
  });
  return [SESSIONS_CSV_HEADER, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
