import type { Database } from 'better-sqlite3';
import { EXIT, UserError } from '../errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Brings a database to `targetVersion` (default: the latest), running every
 * pending migration in one transaction. Refuses a database written by a newer
 * version of postmortem rather than guessing at its schema.
 */
export function migrate(db: Database, options: { targetVersion?: number; migrations?: readonly Migration[]; label?: string } = {}): void {
  const migrations = options.migrations ?? MIGRATIONS;
  assertOrdered(migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.targetVersion ?? latest;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new UserError(
      'database-too-new',
      `The database ${options.label ?? ''} was written by a newer version of postmortem (schema ${current}; this version knows up to ${latest}).`.replace(
        '  ',
        ' ',
      ),
      { exitCode: EXIT.database, hint: 'Upgrade postmortem (npm install -g postmortem@latest), or point --db at another database. Nothing was changed.' },
    );
  }
  const pending = migrations.filter((migration) => migration.version > current && migration.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]?.version ?? current}`);
  }).immediate();
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const previous = migrations[i - 1];
    const current = migrations[i];
    if (previous && current && current.version <= previous.version) {
      throw new Error(`Migration ${current.name} (${current.version}) is out of order after ${previous.name} (${previous.version}).`);
    }
  }
}
