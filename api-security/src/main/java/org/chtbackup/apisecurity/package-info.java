/**
 * Who may call a service's HTTP operations. Every request that is not a GET, and every GET unless
 * {@code cht-backup.api.public-read} is set, needs {@code Authorization: Bearer <cht-backup.api.token>}; health is
 * always open (container and load-balancer checks). With no token configured nothing but health and (if public)
 * GETs is accepted: a service never starts open.
 */
package org.chtbackup.apisecurity;
