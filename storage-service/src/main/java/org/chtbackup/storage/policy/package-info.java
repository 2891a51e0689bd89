/**
 * Checks the 3-2-1 rule over the configured locations (three copies, two media classes, one offsite) and says
 * plainly what is missing. It only reports; whether to refuse to start is the wiring's choice.
 */
package org.chtbackup.storage.policy;
