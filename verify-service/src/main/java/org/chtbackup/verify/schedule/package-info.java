/**
 * Which drills run when: rotates over deployments × locations so every location of every deployment is drilled
 * each period and the newest snapshot daily from one location; asks for on-demand drills and re-drills through
 * the same queue, and finds the snapshot a queued drill names. Queueing is left to {@code queue}, running a drill
 * to {@code drill}.
 */
package org.chtbackup.verify.schedule;
