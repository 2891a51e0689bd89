/** The verify service's HTTP face: on-demand drills, the fleet page and per-drill report pages. */
package org.chtbackup.verify.web;
