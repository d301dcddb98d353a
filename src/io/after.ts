/**
 * Set on the global object by a command whose writes changed what the
 * current roadmap's plan rests on (the plan counter moved: its items, plan
 * settings or estimates) or which roadmap is current (src/commands/_store.ts,
 * withDatabase). Once the command has printed its answer, src/cli.ts makes
 * the current roadmap's plan table ahead (src/commands/ahead.ts), so that
 * the reads that follow find it kept instead of the first paying for it.
 */
export const PLAN_MOVED = Symbol.for('ai-learn.plan-moved');
