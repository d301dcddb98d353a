import { describe, expect, it } from 'vitest';
import { writeSessionsCsv, type CsvSession } from './csv.js';

function render(sessions: CsvSession[]): { text: string; pieces: number; count: number } {
  let text = '';
  let pieces = 0;
  const count = writeSessionsCsv(sessions, new Map([[7, { number: 12, text: 'Implement multi-head attention' }]]), (piece) => {
    text += piece;
    pieces++;
  });
  return { text, pieces, count };
}

describe('writeSessionsCsv', () => {
  it('writes a header and one CRLF row per session, in the order given', () => {
    const { text, count } = render([
      { day: '2026-02-27', minutes: 20, itemId: null, note: 'flashcards' },
      { day: '2026-03-02', minutes: 90, itemId: 7, note: null },
      { day: '2026-03-02', minutes: 5, itemId: 99, note: null },
    ]);
    expect(text).toBe(
      'date,minutes,hours,item,item_text,note\r\n' +
        '2026-02-27,20,0.33,,,flashcards\r\n' +
        '2026-03-02,90,1.50,12,Implement multi-head attention,\r\n' +
        '2026-03-02,5,0.08,,,\r\n',
    );
    expect(count).toBe(3);
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    const { text } = render([{ day: '2026-03-02', minutes: 45, itemId: null, note: 'read §3, then "derived" it\nagain' }]);
    expect(text.split('\r\n')[1]).toBe('2026-03-02,45,0.75,,,"read §3, then ""derived"" it\nagain"');
  });

  it('counts a session without minutes (a backup may hold one) as 0', () => {
    const { text } = render([{ day: '2026-03-02', minutes: null, itemId: 7, note: null }]);
    expect(text.split('\r\n')[1]).toBe('2026-03-02,0,0.00,12,Implement multi-head attention,');
  });

  it('is just the header without sessions', () => {
    expect(render([])).toEqual({ text: 'date,minutes,hours,item,item_text,note\r\n', pieces: 1, count: 0 });
  });

  it('writes many sessions in pieces, never the whole text at once', () => {
    const sessions = Array.from({ length: 5000 }, (_, i) => ({ day: '2026-03-02', minutes: i, itemId: 7, note: `session ${i}` }));
    const { text, pieces, count } = render(sessions);
    expect(count).toBe(5000);
    expect(text.split('\r\n')).toHaveLength(5002);
    expect(text.split('\r\n')[5000]).toBe('2026-03-02,4999,83.32,12,Implement multi-head attention,session 4999');
    expect(pieces).toBeGreaterThan(3);
  });
});
