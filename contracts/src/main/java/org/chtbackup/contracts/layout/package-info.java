/**
 * Where objects live inside a location. These names are the on-disk format: stable once released.
 * <pre>
 *   &lt;deployment&gt;/chunks/&lt;2 hex&gt;/&lt;chunk id&gt;
 *   &lt;deployment&gt;/snapshots/&lt;yyyyMMdd'T'HHmmss'Z'&gt;-&lt;snapshot id&gt;.manifest
 *   &lt;deployment&gt;/index/&lt;manifest id&gt;.chunks          (storage's plain-text chunk index)
 *   &lt;deployment&gt;/index/&lt;manifest id&gt;.&lt;n&gt;.chunks      (piece n of it, manifest format 2)
 * </pre>
 * docs/format.md describes each object precisely.
 */
package org.chtbackup.contracts.layout;
