/** What a postmortem section is about, whatever its heading says. */
export type SectionKind =
  | 'summary'
  | 'impact'
  | 'factors'
  | 'trigger'
  | 'solution'
  | 'detection'
  | 'timeline'
  | 'lessons'
  | 'lesson-category'
  | 'actions'
  | 'deployment'
  | 'warnings'
  | 'metrics'
  | 'conclusion';

/**
 * Lowercases heading text and strips emoji, numbering (`1.`, `2)`, `IV.`, `Step 3:`),
 * markup and punctuation: `## 2. Root Cause(s) 🔍` becomes `root cause s`.
 */
export function normaliseHeading(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u200d\ufe0e\ufe0f\u20e3]/gu, ' ')
    .toLowerCase()
    .replace(/^\s*#+\s*/, '')
    .replace(/^\s*(?:step|part|section)?\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.):]\s+/, '')
    .replace(/^\s*\d+\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const RULES: ReadonlyArray<readonly [SectionKind, RegExp]> = [
  ['timeline', /\btimeline\b|\bchronology\b|\bsequence of events\b|\btime line\b/],
  [
    'lesson-category',
    /^(what went (well|right|wrong|badly|poorly)|what (did not|didn t|didnt) go (well|right)|what could have gone better|where we got lucky|what we got lucky with|things that went (well|wrong)|lucky)$/,
  ],
  ['lessons', /\blessons? learn(ed|t)\b|^learnings?\b|\btakeaways?\b|^retrospective\b|^reflections?\b/],
  [
    'actions',
    /\baction items?\b|^actions?( taken)?$|^prevention\b|\bpreventive\b|\bpreventative\b|^next steps?\b|^follow ?ups?\b|\bfollow ?up (items|actions|tasks)\b|^to ?do\b|\bcorrective actions?\b|^remediation (items|actions|tasks)\b|^improvements?\b|^recommendations?\b/,
  ],
  ['factors', /\bcontributing factors?\b|\broot causes?\b|^causes?\b|^causal factors?\b|^why (it|this) happened\b|^underlying (issue|cause)s?\b/],
  ['trigger', /^triggers?\b|^trigger(ing)? event\b/],
  ['detection', /^detection\b|^how (it|this) was (detected|discovered)\b|^how we (detected|found out)\b/],
  ['impact', /\bimpact\b|^blast radius\b|^affected (services|users|customers|systems)\b/],
  ['deployment', /^deploy(ment)? (process|steps?|procedure)\b|^rollout\b/],
  ['warnings', /^warnings?\b|^known issues\b|^caveats?\b/],
  ['metrics', /^stats\b|^statistics\b|^(success |key |incident )?metrics\b/],
  ['conclusion', /^conclusions?\b|^closing( notes| remarks)?\b|^final (thoughts|notes)\b|^outcome\b/],
  [
    'solution',
    /^(resolution|solutions?|fix(es)?|the fix|remediation|mitigations?|workarounds?|recovery|resolution and recovery|how (it|this) was (fixed|resolved)|how we fixed it)\b|^solution implemented\b|^fix (applied|implemented)\b/,
  ],
  [
    'summary',
    /^(summary|problem summary|incident summary|executive summary|tl ?dr|what happened|overview|description|incident description|problem( statement)?|background|issue summary)$|^summary\b/,
  ],
];

/** The kind of section a heading names, or null when it is not a postmortem section. */
export function classifyHeading(text: string): SectionKind | null {
  const normal = normaliseHeading(text);
  if (!normal) return null;
  for (const [kind, pattern] of RULES) if (pattern.test(normal)) return kind;
  return null;
}

/**
 * The lesson category a heading stands for: `went-well`, `went-wrong` and `lucky`
 * for the classic three; any other heading is kept as written (`Problem`, `Solution`).
 */
export function lessonCategory(text: string): string {
  const normal = normaliseHeading(text);
  if (/went (well|right)|things that went well/.test(normal)) return 'went-well';
  if (/went (wrong|badly|poorly)|(did not|didn t|didnt) go (well|right)|could have gone better/.test(normal)) return 'went-wrong';
  if (/lucky/.test(normal)) return 'lucky';
  return text
    .replace(/\p{Extended_Pictographic}|[\u200d\ufe0f]/gu, '')
    .replace(/[*_`#:]+/g, '')
    .trim();
}
