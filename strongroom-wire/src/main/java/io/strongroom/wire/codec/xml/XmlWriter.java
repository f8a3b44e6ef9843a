package io.strongroom.wire.codec.xml;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A small streaming XML writer: enough for AWS responses, with correct escaping. */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(256);

    public XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return this;
    }

    public XmlWriter start(String name) {
        return start(name, Map.of());
    }

    public XmlWriter start(String name, Map<String, String> attributes) {
        out.append('<').append(name);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            out.append(' ').append(a.getKey()).append("=\"");
            escape(a.getValue(), true);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    public XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter text(String text) {
        escape(text == null ? "" : text, false);
        return this;
    }

    public XmlWriter element(String name, String text) {
        return start(name).text(text).end(name);
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                default -> out.append(c);
            }
        }
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
