/** Admin console rules: what a Hub Champion may do to the hub's users, servers and groups, all audited. */
import { auditOperations } from './admin.audit.js';
import { createAdminContext, type AdminServiceDeps } from './admin.context.js';
import { groupOperations } from './admin.groups.js';
import { overviewOperations } from './admin.overview.js';
import { serverOperations } from './admin.servers.js';
import { userOperations } from './admin.users.js';

/** The admin console's operations, over one shared hub client, audit log and listing cache. */
export function createAdminService(deps: AdminServiceDeps) {
  const ctx = createAdminContext(deps);
  return {
    ...userOperations(ctx),
    ...serverOperations(ctx),
    ...groupOperations(ctx),
    ...overviewOperations(ctx),
    ...auditOperations(ctx),
    /** Starts the user index if it is not running and waits for a full read of the hub's users. */
    async warmIndex(): Promise<void> {
      ctx.index.start();
      await ctx.index.fullRead();
    },
    /** Stops the user index's periodic full reads. */
    stopIndex: () => ctx.index.stop()
  };
}

/** The admin service's interface. */
export type AdminService = ReturnType<typeof createAdminService>;
