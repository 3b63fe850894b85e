import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with test/golden/<name>.md. After an intended change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/render` and review the diff like any other change.
 */
export function golden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`../golden/${name}.md`, import.meta.url));
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`test/golden/${name}.md is missing: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
