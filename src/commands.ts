/** The command IDs of the Catalyst extension. */
export namespace CommandIDs {
  /** Show the Catalyst side panel. */
  export const openPanel = 'catalyst:open-panel';

  /** Open a fresh session with the Catalyst service. */
  export const retryConnection = 'catalyst:retry-connection';

  /** Show the Hub admin console (Hub Champions only). */
  export const openAdminConsole = 'catalyst:open-admin-console';

  /** Show the training panel. */
  export const openTraining = 'catalyst:open-training';

  /** Open the partnership terms view (Core Team and champions). */
  export const openPartnerships = 'catalyst:open-partnerships';

  /** Open the feedback widget (give input, follow it, triage for the Core Team). */
  export const openFeedback = 'catalyst:open-feedback';
}
