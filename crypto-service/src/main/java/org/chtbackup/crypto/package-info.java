/** The crypto service's wiring. The work is in {@code encryption}; key tooling is in {@code keys}. */
package org.chtbackup.crypto;
