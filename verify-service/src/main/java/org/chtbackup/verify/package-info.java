/** The verify service's wiring. The work is in {@code restore}, {@code drill} and {@code report}. */
package org.chtbackup.verify;
