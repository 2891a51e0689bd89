package org.chtbackup.couchdb.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chtbackup.couchdb.CouchFile;
import org.chtbackup.couchdb.doc.Attachment;
import org.chtbackup.couchdb.doc.Document;
import org.chtbackup.couchdb.doc.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints one document as CouchDB would serve it with ?conflicts=true&attachments=true. The shard is
 * found by looking in each of the database's shard files (no hashing of the id needed).
 */
@Command(name = "export-doc", mixinStandardHelpOptions = true,
        description = "Export one document (winning revision) from a data directory as JSON.")
final class ExportDocCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<datadir>")
    Path dataDir;

    @Parameters(index = "1", paramLabel = "<db>")
    String db;

    @Parameters(index = "2", paramLabel = "<docid>")
    String docId;

    @Option(names = "--attachments-dir", paramLabel = "<dir>",
            description = "Write attachments as files here (stored bytes: gzip-encoded ones stay gzip) instead of base64.")
    Path attachmentsDir;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write the JSON here instead of stdout.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path file : shardFiles()) {
            try (CouchFile cf = CouchFile.open(file)) {
                Optional<Document> doc = cf.readDoc(docId);
                if (doc.isPresent()) {
                    String json = render(cf, doc.get());
                    if (output != null) {
                        Files.writeString(output, json);
                    } else {
                        spec.commandLine().getOut().println(json);
                    }
                    return 0;
                }
            }
        }
        spec.commandLine().getErr().println("document " + docId + " not found in database " + db + " under " + dataDir
                + " — check the database name (as in GET /_all_dbs) and the id");
        return 3;
    }

    private List<Path> shardFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        Path shards = dataDir.resolve("shards");
        if (Files.isDirectory(shards)) {
            try (var ranges = Files.list(shards)) {
                for (Path range : ranges.sorted().toList()) {
                    Path dir = range.resolve(db).getParent();
                    String base = range.resolve(db).getFileName().toString();
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (var files = Files.list(dir)) {
                        files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(base) + "\\.\\d+\\.couch"))
                                .sorted().forEach(out::add);
                    }
                }
            }
        }
        Path local = dataDir.resolve(db + ".couch");
        if (Files.isRegularFile(local)) {
            out.add(local);
        }
        return out;
    }

    private String render(CouchFile cf, Document d) throws IOException {
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
                sb.append(first ? "" : ",").append(Json.quote(a.name())).append(":{\"content_type\":")
                        .append(Json.quote(a.contentType())).append(",\"revpos\":").append(a.revpos())
                        .append(",\"digest\":").append(Json.quote(String.valueOf(a.digest())))
                        .append(",\"length\":").append(a.diskLength());
                if (a.gzipped()) {
                    sb.append(",\"encoding\":\"gzip\",\"encoded_length\":").append(a.length());
                }
                if (attachmentsDir != null) {
                    Path target = attachmentFile(a.name() + (a.gzipped() ? ".gz" : ""));
                    try (OutputStream os = Files.newOutputStream(target)) {
                        cf.copyAttachment(a, os);
                    }
                    sb.append(",\"file\":").append(Json.quote(target.toString()));
                } else {
                    // Like CouchDB's ?attachments=true: inline data is the decoded content.
                    byte[] stored = cf.readAttachment(a);
                    byte[] data = a.gzipped()
                            ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(stored)).readAllBytes()
                            : stored;
                    sb.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(data)).append('"');
                }
                sb.append('}');
                first = false;
            }
            sb.append('}');
        }
        return sb.append('}').toString();
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
