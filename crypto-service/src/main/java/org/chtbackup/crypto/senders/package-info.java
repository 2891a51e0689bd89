/**
 * The register of deployments allowed to send parts: one X25519 sender public key per deployment, as a file
 * {@code <deploymentId>.pub} in {@code crypto.sender-keys-dir}. A part opens only under the key registered for the
 * deployment it names, so a host can send for itself and for no one else.
 */
package org.chtbackup.crypto.senders;
