import type { Context, Invocation } from '../context.js';
import type { Roadmap, Section } from '../roadmap/model.js';
import { fit } from '../render/style.js';
import { parseSource } from './import.js';
import { printJson } from './_store.js';

const range = (w: { start: number; end: number } | null) => (w ? (w.start === w.end ? ` [week ${w.start}]` : ` [weeks ${w.start}-${w.end}]`) : '');

/** A readable outline of what was recognized. */
export function renderOutline(model: Roadmap, width: number): string {
  const lines: string[] = [model.title];
  const pace = model.hoursPerWeek ? `${model.hoursPerWeek.min}-${model.hoursPerWeek.max} h/week` : 'no stated pace';
  lines.push(`${model.items.length} items · ${model.totalWeeks ?? '?'} weeks · ${pace}`);
  const counts = new Map<string, number>();
  for (const i of model.items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  lines.push([...counts].map(([k, n]) => `${n} ${k}`).join(', '));
  lines.push('');
  const walk = (sections: Section[], depth: number, path: string[]) => {
    for (const s of sections) {
      const here = [...path, s.title];
      const own = model.items.filter((i) => i.section.length === here.length && i.section.every((t, j) => t === here[j]));
      const flags = `${s.optional ? ' (optional)' : ''}${s.choose ? ` (choose ${s.choose.min}-${s.choose.max})` : ''}`;
      lines.push(fit(`${'  '.repeat(depth)}${s.title}${range(s.weeks)}${flags}${own.length ? ` · ${own.length} items` : ''}`, width));
      walk(s.sections, depth + 1, here);
    }
  };
  walk(model.sections, 0, []);
  if (model.rhythm.length) lines.push('', `Rhythm: ${model.rhythm.map((r) => `${r.day} ${r.activity}${r.hours ? ` (${r.hours} h)` : ''}`).join('; ')}`);
  if (model.milestones.length) lines.push(`Milestones: ${model.milestones.map((m) => `week ${m.week ?? '?'}: ${m.text}`).join('; ')}`);
  for (const w of model.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const { model } = await parseSource(ctx, String(inv.args[0]));
  if (inv.opts.json) printJson(ctx, model);
  else ctx.out(renderOutline(model, ctx.style.width));
}
