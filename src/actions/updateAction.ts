import { incidentExists } from '../db/incidentStore.js';
import type { Db } from '../db/open.js';
import { EXIT, notFound, UserError } from '../errors.js';
import { updateIncident } from '../incidents/store.js';
import type { ActionItem, Incident } from '../record/schema.js';
import { formatTimestamp } from '../record/time.js';
import { type ActionAddress, ADDRESS_HINT, formatAddress } from './address.js';

/** What `action update` may change; `null` clears an optional field. */
export interface ActionChange {
  status?: ActionItem['status'];
  owner?: string | null;
  due?: string | null;
  priority?: ActionItem['priority'];
  tracker?: string | null;
  text?: string;
}

export interface ActionUpdate {
  address: string;
  before: ActionItem;
  after: ActionItem;
}

const CLOSED: readonly ActionItem['status'][] = ['done', 'wont-do'];

/**
 * Applies `change` to one item through the whole-record path (load, change,
 * validate, save in one immediate transaction); the incident's updated_at
 * moves. Closing stamps closed_at; reopening clears it.
 */
export function updateAction(db: Db, address: ActionAddress, change: ActionChange, now: Date): ActionUpdate {
  if (!incidentExists(db, address.incident)) throw actionIncidentNotFound(address);
  let before: ActionItem | undefined;
  const saved = updateIncident(db, address.incident, now, (incident) => {
    const index = findItem(incident, address);
    before = incident.actions[index] as ActionItem;
    const next: ActionItem = { ...before, ...definedOnly(change) };
    if (change.status !== undefined && change.status !== before.status) {
      const closing = CLOSED.includes(change.status);
      next.closed_at = closing ? (CLOSED.includes(before.status) && before.closed_at ? before.closed_at : formatTimestamp(now.getTime())) : null;
    }
    const actions = incident.actions.slice();
    actions[index] = next;
    return { ...incident, actions };
  });
  const after = saved.actions.find((a) => a.id === address.n) as ActionItem;
  return { address: formatAddress(address), before: before as ActionItem, after };
}

function findItem(incident: Incident, address: ActionAddress): number {
  const index = incident.actions.findIndex((a) => a.id === address.n);
  if (index === -1) {
    const ids = incident.actions.map((a) => formatAddress({ incident: incident.id, n: a.id ?? 0 }));
    throw new UserError('action-not-found', `Action item ${formatAddress(address)} does not exist.`, {
      exitCode: EXIT.notFound,
      hint:
        ids.length === 0
          ? `Incident ${incident.id} has no action items; add one with \`postmortem action add ${incident.id} "TEXT"\`. Nothing was written.`
          : `Incident ${incident.id} has ${ids.join(', ')}. ${ADDRESS_HINT} Nothing was written.`,
    });
  }
  return index;
}

function definedOnly(change: ActionChange): Partial<ActionItem> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<ActionItem>;
}

/** The not-found error for an address whose incident does not exist. */
export function actionIncidentNotFound(address: ActionAddress): UserError {
  return notFound(`Action item ${formatAddress(address)}`, `There is no incident "${address.incident}". ${ADDRESS_HINT}`);
}
