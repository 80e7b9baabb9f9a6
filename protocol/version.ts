/** Bumped whenever a message shape changes incompatibly; sent in every handshake. */
export const PROTOCOL_VERSION = 1;
