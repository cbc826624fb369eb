/** The command IDs of the Catalyst extension. */
export namespace CommandIDs {
  /** Show the Catalyst side panel. */
  export const openPanel = 'catalyst:open-panel';

  /** Open a fresh session with the Catalyst service. */
  export const retryConnection = 'catalyst:retry-connection';
}
