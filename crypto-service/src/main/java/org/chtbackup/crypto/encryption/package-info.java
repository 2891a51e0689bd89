/**
 * Opens parts sealed by collectors and re-encrypts them as signed OpenPGP objects to every recipient key.
 * Holds no key that can decrypt a stored object: only recipients (ops, escrow) can.
 */
package org.chtbackup.crypto.encryption;
