import { describe, expect, it } from 'vitest';
import { renderSessionsCsv } from './csv.js';

describe('renderSessionsCsv', () => {
  const items = new Map([[7, { number: 12, text: 'Implement multi-head attention' }]]);

  it('writes a header and one CRLF row per session in date order', () => {
    const csv = renderSessionsCsv(
      [
        { day: '2026-03-02', minutes: 90, itemId: 7, note: null },
        { day: '2026-02-27', minutes: 20, itemId: null, note: 'flashcards' },
        { day: '2026-03-02', minutes: 5, itemId: null, note: null },
      ],
      items,
    );
    expect(csv).toBe(
      'date,minutes,hours,item,item_text,note\r\n' +
        '2026-02-27,20,0.33,,,flashcards\r\n' +
        '2026-03-02,90,1.50,12,Implement multi-head attention,\r\n' +
        '2026-03-02,5,0.08,,,\r\n',
    );
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    const csv = renderSessionsCsv([{ day: '2026-03-02', minutes: 45, itemId: null, note: 'read §3, then "derived" it\nagain' }], items);
    expect(csv.split('\r\n')[1]).toBe('2026-03-02,45,0.75,,,"read §3, then ""derived"" it\nagain"');
  });

  it('is just the header without sessions', () => {
    expect(renderSessionsCsv([], items)).toBe('date,minutes,hours,item,item_text,note\r\n');
  });
});
