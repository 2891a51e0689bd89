/**
 * Where objects are kept. {@link org.chtbackup.location.Location} is the one contract; S3-compatible stores
 * (MinIO Java SDK) and filesystem/NAS directories implement it. Storage writes through it; verify and the
 * restore tool read through it, so any one location is enough to restore. Retry, circuit breaking and
 * backlogs are the storage service's business and wrap this contract.
 */
package org.chtbackup.location;
