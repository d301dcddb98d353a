/**
 * What words mean in a roadmap: bold labels, heading titles and the first verb
 * of a line decide whether something is work and of which kind.
 */
import type { ItemKind, SectionKind } from './model.js';

/** What a bold or colon label ("**Resource:**", "Milestones") does to what follows it. */
export type LabelRole =
  | { role: 'kind'; kind: ItemKind }
  | { role: 'goal' }
  | { role: 'rhythm' }
  | { role: 'skip' }
  | { role: 'critical' }
  | { role: 'unknown' };

const LABEL_ROLES: ReadonlyArray<readonly [RegExp, LabelRole]> = [
  [/^(recommended |suggested |weekly |study )?(schedule|rhythm|routine)\b|^(daily|weekly) (schedule|plan|routine)$/, { role: 'rhythm' }],
  [/\bcheckpoints?$|^self[- ]?checks?$|^check yourself$|^quiz(zes)?$|^review questions$/, { role: 'kind', kind: 'checkpoint' }],
  [/\bdeliverables?$|^outputs?$|^artifacts?$/, { role: 'kind', kind: 'deliverable' }],
  [/\bmilestones?$/, { role: 'kind', kind: 'milestone' }],
  [/^((core|key|main|required|suggested|essential|recommended) )?(papers?|readings?)$|^read$/, { role: 'kind', kind: 'reading' }],
  [/^(key )?(concepts|ideas)$|^topics( covered)?$|^concepts to learn$/, { role: 'kind', kind: 'topic' }],
  [/\bresources?$|\bresource list$|^references$|^further reading$|^(useful )?links$|^materials$|^tools$|^(recommended )?(courses|books)$/, { role: 'kind', kind: 'resource' }],
  [/^(implementation|tasks?|exercises?|practice|assignments?|homework|labs?|hands[- ]on|to ?do|action items|build)$/, { role: 'kind', kind: 'task' }],
  [/\bprojects?$/, { role: 'kind', kind: 'project' }],
  [/^(focus|goals?|objectives?|outcomes?|aim|purpose|theme)$/, { role: 'goal' }],
  [/^(critical|important|must[- ]do|priority)$/, { role: 'critical' }],
  [/^(notes?|tips?|pro tips?|prerequisites?|prereqs?|warning|status|estimated time|time|pace|duration|why|recommended schedule.*)$/, { role: 'skip' }],
];

function labelWords(label: string): string {
  return label
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^(\d+(\.\d+)*[.)]?|[ivx]+\.)\s+/, '')
    .replace(/[^\p{L}\p{N} \-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The role of a label such as "Phase 1 Checkpoint", "Core Paper" or "Focus". */
export function labelRole(label: string): LabelRole {
  const words = labelWords(label);
  for (const [re, role] of LABEL_ROLES) if (re.test(words)) return role;
  return { role: 'unknown' };
}

/** Why a section holds no work. */
export type NonWork = 'goal' | 'toc' | 'metrics' | 'advice';

const NON_WORK: ReadonlyArray<readonly [RegExp, NonWork]> = [
  [/^(table of )?contents$|^toc$|^index$/, 'toc'],
  [/^(goals?|objectives?|learning (goals|objectives|outcomes)|outcomes|role target|target role|what you will (learn|be able to do))$/, 'goal'],
  [/^success (metrics|criteria)\b|^metrics\b|^kpis?$/, 'metrics'],
  [
    /^(prerequisites?|prereqs|requirements|before you (start|begin)|adjustments?|tips?|notes?|final notes?|final (thoughts|words)|closing( (thoughts|remarks))?|conclusion|faq|frequently asked questions|how to (work|use|read|follow)\b.*|about\b.*|license|licence|contributing|contributors|acknowledg(e)?ments?|credits|disclaimer|changelog|support|contact|star history)$/,
    'advice',
  ],
];

/** Whether a heading titles a part that is not work (goals, tips, licence, contents…). */
export function nonWorkKind(title: string): NonWork | null {
  const words = labelWords(title);
  for (const [re, kind] of NON_WORK) if (re.test(words)) return kind;
  return null;
}

/** Phase, month, week, numbered part, project block or plain section. */
export function sectionKind(title: string): SectionKind {
  if (/^(phase|stage)\s+(\d+|[ivx]+)\b/i.test(title)) return 'phase';
  if (/^months?\s+\d/i.test(title)) return 'month';
  if (/^(weeks?|wks?)\s+\d/i.test(title)) return 'week';
  if (/\bprojects?\b/i.test(title.replace(/^\d+(\.\d+)*[.)]?\s+/, ''))) return 'projects';
  if (/^\d+(\.\d+)*[.)]?\s+\S/.test(title) || /^(part|module|unit|chapter|lesson|lecture|step|level)\s+\d/i.test(title)) {
    return 'part';
  }
  return 'section';
}

/** "Optional: …", "(optional)", "Bonus" in a title or line. */
export function isOptionalTitle(text: string): boolean {
  return /\boptional\b|^bonus\b|\(bonus\)|\bextra credit\b/i.test(text);
}

const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** "choose 1–2", "pick one", "select 2 of" → how many the learner chooses. */
export function parseChoose(text: string): { min: number; max: number } | null {
  const m = /\b(?:choose|pick|select)\s+(\d+|one|two|three|four|five)(?:\s*(?:-|–|—|to|or)\s*(\d+|one|two|three|four|five))?/i.exec(
    text,
  );
  if (!m) return null;
  const n = (s: string): number => COUNT_WORDS[s.toLowerCase()] ?? Number(s);
  const min = n(m[1]!);
  const max = m[2] !== undefined ? n(m[2]) : min;
  return max >= min ? { min, max } : null;
}

/** Removes emoji and leading decorations, keeping the words. */
export function cleanTitle(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{FE0E}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s\-–—*•·>|:#~=_]+/, '')
    .replace(/\s*:\s*$/, '')
    .trim();
}

/**
 * Verbs that start an instruction. Words that also open noun phrases in
 * roadmaps ("Code generation", "Open problems", "Benchmark design") are left out.
 */
const VERBS = new Set([
  'add', 'analyse', 'analyze', 'annotate', 'apply', 'assemble', 'attend', 'audit', 'blog',
  'build', 'calculate', 'check', 'choose', 'clone', 'collect', 'combine', 'compare', 'complete', 'compute',
  'conduct', 'configure', 'confirm', 'construct', 'contribute', 'create', 'debug', 'deploy', 'derive', 'describe',
  'design', 'develop', 'do', 'document', 'draft', 'earn', 'engage', 'enroll', 'estimate', 'evaluate',
  'explain', 'explore', 'extend', 'finetune', 'fine-tune', 'finish', 'fix', 'follow', 'fork', 'formulate', 'get',
  'host', 'identify', 'implement', 'install', 'integrate', 'investigate', 'join', 'launch', 'learn', 'master',
  'measure', 'memorize', 'mentor', 'migrate', 'optimise', 'optimize', 'pass', 'pick', 'plot', 'port', 'practice',
  'practise', 'prepare', 'present', 'profile', 'prove', 'publish', 'read', 'rebuild', 'recreate', 'refactor',
  'reimplement', 're-implement', 'replicate', 'reproduce', 'revise', 'revisit', 'review', 'rewrite', 'run',
  'ship', 'show', 'simulate', 'sketch', 'solve', 'start', 'study', 'submit', 'summarize', 'summarise',
  'synthesize', 'take', 'teach', 'test', 'train', 'translate', 'try', 'tune', 'understand', 'use', 'verify',
  'visualize', 'visualise', 'watch', 'write',
]);
const PHRASAL = /^(set up|sign up|work through|go through|read through|look into|dive into|fine tune|get started|write up|make sure|make)\b/i;

/** Whether a line starts with an instruction ("Implement …", "Build …", "Set up …"). */
export function isImperative(text: string): boolean {
  const t = text.replace(/^[\s*_"“]+/, '');
  if (PHRASAL.test(t)) return true;
  // "Debug drills: …", "Test suites: …" are a noun phrase naming a topic.
  if (/^[A-Za-z\-]+\s+[A-Za-z\-]+s:/.test(t)) return false;
  const first = /^([A-Za-z][A-Za-z\-]*)(?=[\s.,:;!]|$)/.exec(t);
  if (!first) return false;
  return VERBS.has(first[1]!.toLowerCase());
}

/** Strips "Optional:" / "(optional)" from a line and says whether it was there. */
export function stripOptional(text: string): { text: string; optional: boolean } {
  const lead = /^\s*\(?optional\)?\s*[:\-–—]\s*/i.exec(text);
  if (lead) return { text: text.slice(lead[0].length).trim(), optional: true };
  if (/\(optional\)/i.test(text)) return { text: text.replace(/\s*\(optional\)/i, '').trim(), optional: true };
  return { text, optional: false };
}

/**
 * The kind of an unlabelled line. `fallback` is what a line with no clue
 * becomes: a task for checkboxes, a topic for plain bullets.
 */
export function guessKind(text: string, fallback: ItemKind, linkOnly = false): ItemKind {
  const t = text.trim();
  if (/^can\s+explain\b/i.test(t)) return 'checkpoint';
  if (/^(start|begin|complete|finish|ship)\s+(the\s+)?(mini[- ])?projects?\s*#?\d+(\s*(&|and|,)\s*\d+)*\s*($|[(:—–-])/i.test(t)) return 'project';
  if (/^read\s/i.test(t)) return 'reading';
  const imperative = isImperative(t);
  if (!imperative && /\b(papers?|books?|chapters?|ch\.)(?![\p{L}])/iu.test(t)) return 'reading';
  if (linkOnly) return 'resource';
  if (imperative) return 'task';
  return fallback;
}
