/** One problem `postmortem lint` found. */
export interface LintFinding {
  /** Stable rule id: missing-section, empty-section, action-owner, action-due, placeholder, broken-table. */
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** The section (heading) or record field it is in. */
  section?: string;
  /** 1-based line in the linted Markdown file (not given for incidents). */
  line?: number;
}

/** Which template's rules apply. */
export interface LintOptions {
  /** Template name or .hbs path (default "default"): incidents are rendered with it, and its template.yaml lists the required sections. */
  template?: string;
  /** Directories searched for template names before the built-in ones (the workspace `templates/`). */
  templatesDirs?: string[];
  /** Overrides the template's required sections (the workspace config's `lint.required_sections`). */
  requiredSections?: string[];
}
