/** Study sessions as CSV (RFC 4180), for spreadsheets. */

/** A study session as the export needs it (an event row will do). */
export interface CsvSession {
  day: string;
  /** None counts as 0. */
  minutes: number | null;
  itemId: number | null;
  note: string | null;
}

export const SESSIONS_CSV_HEADER = ['date', 'minutes', 'hours', 'item', 'item_text', 'note'] as const;

/** writeSessionsCsv hands `write` pieces of about this many characters. */
const PIECE = 1 << 16;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const row = (fields: readonly string[]) => `${fields.map(field).join(',')}\r\n`;

/**
 * A header, then one row per session in the order given (the caller reads
 * them in date order), with the item's number and text when the session was
 * on an item. CRLF line ends. Written in pieces as the sessions come, so
 * 60,000 sessions are never held at once. Returns how many there were.
 */
export function writeSessionsCsv(
  sessions: Iterable<CsvSession>,
  itemsById: ReadonlyMap<number, { number: number; text: string }>,
  write: (text: string) => void,
): number {
  let text = row(SESSIONS_CSV_HEADER);
  let count = 0;
  for (const s of sessions) {
    const item = s.itemId === null ? undefined : itemsById.get(s.itemId);
    const minutes = s.minutes ?? 0;
    text += row([s.day, String(minutes), (minutes / 60).toFixed(2), item ? String(item.number) : '', item?.text ?? '', s.note ?? '']);
    count++;
    if (text.length >= PIECE) {
      write(text);
      text = '';
    }
  }
  write(text);
  return count;
}
