/**
 * Which drills run when: rotates over deployments × locations so every location of every deployment is drilled
 * each period and the newest snapshot daily from one location; runs on-demand drills and re-drills in the same
 * queue. Running a drill is left to {@code drill}.
 */
package org.chtbackup.verify.schedule;
