/**
 * The collector service's wiring: properties and beans. The work is in the stage packages: discovery, plan,
 * chunking, sealing, snapshot.
 */
package org.chtbackup.collector;
