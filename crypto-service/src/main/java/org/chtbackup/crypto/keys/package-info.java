/**
 * Key tooling for operators: generate the sealing, signing and recipient keys, print fingerprints and rotate
 * recipients.
 * Runs without Spring ({@code java -jar crypto-service.jar keys ...}); never prints key material.
 */
package org.chtbackup.crypto.keys;
