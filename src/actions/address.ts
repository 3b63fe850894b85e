import { EXIT, UserError } from '../errors.js';
import { ID_PATTERN } from '../record/schema.js';

/**
 * An action item's address, as users type it: `<incident-id>#<n>`, where n is
 * the item's per-incident number (its `id` in the record). A bare `n` works
 * when the incident is given separately (`--incident ID`).
 */
export interface ActionAddress {
  incident: string;
  n: number;
}

export const ADDRESS_HINT =
  'Action ids look like 2026-01-05-login-outage#2: the incident id, "#", and the item\'s number. `postmortem action list` shows them (`--incident ID` for one incident).';

/** The text form of an address. */
export function formatAddress(address: ActionAddress): string {
  return `${address.incident}#${address.n}`;
}

/** Parses `ID#n` (or a bare `n` with `incident`); throws a UserError naming the accepted forms. */
export function parseAddress(text: string, incident?: string): ActionAddress {
  const value = text.trim();
  const hash = value.lastIndexOf('#');
  if (hash === -1) {
    if (/^\d+$/.test(value)) {
      if (incident) return { incident: incident.trim(), n: Number(value) };
      throw new UserError('action-id-needs-incident', `"${value}" is an item number without its incident.`, {
        exitCode: EXIT.usage,
        hint: `Write INCIDENT#${value}, or pass --incident INCIDENT. ${ADDRESS_HINT}`,
      });
    }
    throw new UserError('bad-action-id', `"${value}" is not an action id.`, { exitCode: EXIT.notFound, hint: ADDRESS_HINT });
  }
  const id = value.slice(0, hash);
  const n = value.slice(hash + 1);
  if (!ID_PATTERN.test(id) || !/^[1-9]\d*$/.test(n)) {
    throw new UserError('bad-action-id', `"${value}" is not an action id.`, { exitCode: EXIT.notFound, hint: ADDRESS_HINT });
  }
  return { incident: id, n: Number(n) };
}
