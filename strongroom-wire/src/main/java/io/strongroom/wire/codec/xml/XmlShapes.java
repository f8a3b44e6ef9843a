package io.strongroom.wire.codec.xml;

import io.strongroom.wire.codec.Scalars;
import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.Location;
import io.strongroom.wire.sdk.Member;
import io.strongroom.wire.sdk.Shape;
import io.strongroom.wire.sdk.TimeFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Walks a {@link Shape} to write XML responses (query, ec2, restXml) and read restXml request bodies.
 * Responses use the names the SDK reads ({@code unmarshallLocationName}, lowerCamel for EC2); requests the
 * names it writes.
 */
public final class XmlShapes {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private XmlShapes() {
    }

    /** Writes the body members of {@code pojo} as children of the current element. */
    public static void writeMembers(XmlWriter w, Shape shape, Object pojo) {
        for (Member m : shape.members()) {
            if (m.location() != Location.BODY || m.xmlAttribute()) {
                continue;
            }
            Object v = m.get(pojo);
            if (v != null) {
                writeMember(w, m, m.readName(), v);
            }
        }
    }

    /** Writes {@code <name attrs>members</name>} for a structure value. */
    public static void writeStructure(XmlWriter w, String name, Shape shape, Object pojo,
                                      Map<String, String> extraAttributes) {
        Map<String, String> attrs = new LinkedHashMap<>(extraAttributes);
        for (Member m : shape.members()) {
            Object v = m.xmlAttribute() ? m.get(pojo) : null;
            if (v != null) {
                if (m.readName().startsWith("xsi:")) {
                    attrs.put("xmlns:xsi", XSI);
                }
                attrs.put(m.readName(), Scalars.format(m.kind(), v, TimeFormat.ISO_8601));
            }
        }
        w.start(name, attrs);
        writeMembers(w, shape, pojo);
        w.end(name);
    }

    public static void writeMember(XmlWriter w, Member m, String name, Object v) {
        switch (m.kind()) {
            case STRUCTURE -> writeStructure(w, name, Shape.ofValue(v), v, Map.of());
            case LIST -> {
                List<?> list = (List<?>) v;
                if (m.flattened()) {
                    for (Object e : list) {
                        writeMember(w, m.element(), name, e);
                    }
                } else {
                    w.start(name);
                    for (Object e : list) {
                        writeMember(w, m.element(), m.listItemName(), e);
                    }
                    w.end(name);
                }
            }
            case MAP -> {
                if (!m.flattened()) {
                    w.start(name);
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    String entry = m.flattened() ? name : "entry";
                    w.start(entry);
                    w.element(m.mapKeyName(), String.valueOf(e.getKey()));
                    if (e.getValue() != null) {
                        writeMember(w, m.element(), m.mapValueName(), e.getValue());
                    }
                    w.end(entry);
                }
                if (!m.flattened()) {
                    w.end(name);
                }
            }
            case DOCUMENT -> {
                // No XML service in our set models documents.
            }
            default -> w.element(name, Scalars.format(m.kind(), v, m.timeFormat().orElse(TimeFormat.ISO_8601)));
        }
    }

    /** Reads a structure from an element whose children are its members. */
    public static Object readStructure(Shape shape, Element e) {
        Shape.Builder b = shape.newBuilder();
        readMembers(shape, e, b);
        return b.build();
    }

    public static void readMembers(Shape shape, Element e, Shape.Builder b) {
        for (Member m : shape.members()) {
            if (m.location() != Location.BODY) {
                continue;
            }
            if (m.xmlAttribute()) {
                String a = e.getAttribute(m.wireName());
                if (!a.isEmpty()) {
                    b.set(m, Scalars.parse(m.kind(), a, TimeFormat.ISO_8601));
                }
                continue;
            }
            Object v = readMember(m, m.wireName(), e);
            if (v != null) {
                b.set(m, v);
            }
        }
    }

    private static Object readMember(Member m, String name, Element parent) {
        if (m.kind() == Kind.LIST && m.flattened()) {
            List<Element> items = XmlReader.children(parent, name);
            if (items.isEmpty()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Element item : items) {
                out.add(readValue(m.element(), item));
            }
            return out;
        }
        if (m.kind() == Kind.MAP && m.flattened()) {
            List<Element> entries = XmlReader.children(parent, name);
            return entries.isEmpty() ? null : readEntries(m, entries);
        }
        Element child = XmlReader.child(parent, name);
        return child == null ? null : readValue(m, child);
    }

    /** Reads the value an element holds, as member {@code m} describes it. */
    public static Object readValue(Member m, Element e) {
        switch (m.kind()) {
            case STRUCTURE:
                return readStructure(m.shape(), e);
            case LIST: {
                List<Object> out = new ArrayList<>();
                for (Element item : XmlReader.children(e, m.listItemName())) {
                    out.add(readValue(m.element(), item));
                }
                return out;
            }
            case MAP:
                return readEntries(m, XmlReader.children(e, "entry"));
            case DOCUMENT:
                return null;
            default:
                return Scalars.parse(m.kind(), e.getTextContent(), m.timeFormat().orElse(TimeFormat.ISO_8601));
        }
    }

    private static Map<String, Object> readEntries(Member m, List<Element> entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Element entry : entries) {
            Element k = XmlReader.child(entry, m.mapKeyName());
            Element v = XmlReader.child(entry, m.mapValueName());
            if (k != null) {
                out.put(k.getTextContent(), v == null ? null : readValue(m.element(), v));
            }
        }
        return out;
    }
}
