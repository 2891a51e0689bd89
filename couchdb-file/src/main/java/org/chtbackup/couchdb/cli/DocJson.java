package org.chtbackup.couchdb.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.doc.Attachment;
import org.chtbackup.couchdb.doc.Document;
import org.chtbackup.couchdb.doc.Json;

/**
 * A document as CouchDB serves it with ?conflicts=true&attachments=true: attachment data inlined as
 * base64 of the decoded content, or written as files (stored bytes) into {@code attachmentsDir}.
 */
final class DocJson {

    private final CouchFile file;
    private final Path attachmentsDir;

    DocJson(CouchFile file, Path attachmentsDir) {
        this.file = file;
        this.attachmentsDir = attachmentsDir;
    }

    String render(Document d) throws IOException {
        StringBuilder sb = new StringBuilder("{\"_id\":").append(Json.quote(d.id()))
                .append(",\"_rev\":").append(Json.quote(d.rev()));
        if (d.deleted()) {
            sb.append(",\"_deleted\":true");
        }
        String body = d.bodyJson() == null ? "{}" : d.bodyJson();
        if (body.length() > 2) {
            sb.append(',').append(body, 1, body.length() - 1);
        }
        if (!d.conflicts().isEmpty()) {
            sb.append(",\"_conflicts\":[");
            sb.append(String.join(",", d.conflicts().stream().map(Json::quote).toList())).append(']');
        }
        if (!d.attachments().isEmpty()) {
            sb.append(",\"_attachments\":{");
            boolean first = true;
            for (Attachment a : d.attachments()) {
                sb.append(first ? "" : ",");
                attachment(sb, a);
                first = false;
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private void attachment(StringBuilder sb, Attachment a) throws IOException {
        sb.append(Json.quote(a.name())).append(":{\"content_type\":")
                .append(Json.quote(a.contentType())).append(",\"revpos\":").append(a.revpos())
                .append(",\"digest\":").append(Json.quote(String.valueOf(a.digest())))
                .append(",\"length\":").append(a.diskLength());
        if (a.gzipped()) {
            sb.append(",\"encoding\":\"gzip\",\"encoded_length\":").append(a.length());
        }
        if (attachmentsDir != null) {
            Path target = attachmentFile(a.name() + (a.gzipped() ? ".gz" : ""));
            try (OutputStream os = Files.newOutputStream(target)) {
                file.copyAttachment(a, os);
            }
            sb.append(",\"file\":").append(Json.quote(target.toString()));
        } else {
            // Like CouchDB's ?attachments=true: inline data is the decoded content.
            byte[] stored = file.readAttachment(a);
            byte[] data = a.gzipped() ? new GZIPInputStream(new ByteArrayInputStream(stored)).readAllBytes() : stored;
            sb.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(data)).append('"');
        }
        sb.append('}');
    }

    /** Attachment names may hold '/', never let them leave the target directory. */
    private Path attachmentFile(String name) throws IOException {
        Files.createDirectories(attachmentsDir);
        Path target = attachmentsDir.resolve(name.replace('/', '_').replace('\\', '_')).normalize();
        if (!target.startsWith(attachmentsDir.normalize()) || name.equals("..")) {
            throw new IOException("attachment name " + Json.quote(name) + " would escape " + attachmentsDir);
        }
        return target;
    }
}
