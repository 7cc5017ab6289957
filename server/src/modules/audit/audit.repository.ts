import type { DbOrTx, Tx } from '../../db/database.ts';

/**
 * The audit log: who changed what, when, with the before and after. Every
 * module records its changes here, in the transaction of the change; this
 * module is the table's only writer (its screen comes with the audit issue).
 */
export async function insertAuditEntry(
  tx: Tx,
  entry: {
    id: string;
    organizationId: string;
    entity: string;
    entityId: string;
    action: string;
    actorId: string | null;
    at: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: entry.id,
      organization_id: entry.organizationId,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      actor_id: entry.actorId,
      at: entry.at,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export function listAuditEntries(db: DbOrTx, organizationId: string, entity: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id as id',
      'audit_log.action as action',
      'audit_log.at as at',
      'audit_log.actor_id as actorId',
      'users.name as actorName',
      'audit_log.before as before',
      'audit_log.after as after',
    ])
    .where('audit_log.organization_id', '=', organizationId)
    .where('audit_log.entity', '=', entity)
    .where('audit_log.entity_id', '=', entityId)
    .orderBy('audit_log.at')
    .orderBy('audit_log.id')
    .execute();
}
