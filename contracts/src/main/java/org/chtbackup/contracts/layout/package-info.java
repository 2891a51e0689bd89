/**
 * Where objects live inside a location. These names are the on-disk format: stable once released.
 * <pre>
 *   &lt;deployment&gt;/chunks/&lt;2 hex&gt;/&lt;chunk id&gt;
 *   &lt;deployment&gt;/snapshots/&lt;yyyyMMdd'T'HHmmss'Z'&gt;-&lt;snapshot id&gt;.manifest
 * </pre>
 */
package org.chtbackup.contracts.layout;
