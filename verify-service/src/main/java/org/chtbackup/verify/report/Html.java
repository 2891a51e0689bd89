package org.chtbackup.verify.report;

/** Escaping for the report pages: every value that came from a manifest or a location is escaped. */
final class Html {

    static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.PASS{color:#060}.FAIL{color:#b00}"
                + ".INCOMPLETE{color:#a60}</style></head><body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "\n</body></html>\n";
    }

    private Html() {
    }
}
