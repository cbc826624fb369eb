/** The console's audit view: pages of this hub's log, and its CSV export. */
import type { AdminContext } from './admin.context.js';
import type { AuditQuery } from './admin.schemas.js';
import { csvCell } from './admin.convert.js';

/** Audit operations over the shared context. */
export function auditOperations(ctx: AdminContext) {
  const { config } = ctx;
  const { audit } = ctx.deps;
  const filterOf = (query: AuditQuery) => ({
    hubId: config.hubId,
    actor: query.actor,
    action: query.action,
    target: query.target
  });
  return {
    /** A page of this hub's audit log. */
    async listAudit(query: AuditQuery) {
      return audit.list(filterOf(query), query.offset, query.limit);
    },

    /** This hub's audit log (up to 10,000 lines matching the filter) as CSV. */
    async exportAudit(
      query: AuditQuery
    ): Promise<{ filename: string; csv: string }> {
      const page = await audit.list(filterOf(query), 0, 10000);
      const header = ['at', 'actor', 'action', 'target', 'outcome', 'detail'];
      const lines = [
        header.map(csvCell).join(','),
        ...page.items.map(e =>
          [e.at, e.actor, e.action, e.target, e.outcome, e.detail]
            .map(csvCell)
            .join(',')
        )
      ];
      return {
        filename: `catalyst-audit-${config.hubId}.csv`,
        csv: `${lines.join('\r\n')}\r\n`
      };
    }
  };
}
