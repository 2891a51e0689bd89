/** The storage service's wiring. The work is in {@code writing}. */
package org.chtbackup.storage;
